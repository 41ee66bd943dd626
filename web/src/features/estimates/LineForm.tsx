// One line's form: every field of the annex a unit fills in, the amount computed as the server does
// (quantity × unit price, half-up), and the API's field errors beside the fields they name.
import { Alert, Button, Grid, Group, Modal, NumberInput, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Catalog } from '../../api/types';
import { errorText, pickLanguage } from '../../ui/errors';
import { MoneyInput, QuantityInput } from '../../ui/MoneyInput';
import { formatVnd, lineAmount } from '../../ui/money';
import type { LineDraft } from './lineDraft';

interface Props {
  opened: boolean;
  title: string;
  catalog: Catalog;
  draft: LineDraft;
  onChange: (draft: LineDraft) => void;
  onSave: () => void;
  onCancel: () => void;
  saving: boolean;
  error: unknown;
}

export function LineForm({ opened, title, catalog, draft, onChange, onSave, onCancel, saving, error }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const name = (item: { name: string; nameEn: string }) => (en ? item.nameEn : item.name);
  const set = <K extends keyof LineDraft>(field: K, value: LineDraft[K]) => onChange({ ...draft, [field]: value });

  const details = error instanceof ApiError ? error.details : [];
  const fieldError = (field: string) => {
    const found = details.filter((d) => d.field === field || d.field?.endsWith(`.${field}`));
    return found.length > 0 ? found.map((d) => pickLanguage(d.message, i18n.language)).join('; ') : undefined;
  };
  const unplaced = details.filter((d) => !d.field || !FORM_FIELDS.has(d.field.split('.').pop() ?? ''));
  const amount = lineAmount(draft.quantity, draft.unitPrice);

  const planAreas = catalog.planAreas
    .filter((a) => a.selectable)
    .map((a) => ({ value: a.code, label: `${a.code} — ${name(a)}` }));

  return (
    <Modal opened={opened} onClose={onCancel} title={title} size="xl" closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSave();
        }}
      >
        <Stack gap="sm">
          {error !== null && error !== undefined && (details.length === 0 || unplaced.length > 0) && (
            <Alert color="red" role="alert" title={errorText(error, t, i18n.language)}>
              {unplaced.map((d, i) => (
                <div key={i}>{pickLanguage(d.message, i18n.language)}</div>
              ))}
            </Alert>
          )}
          <Textarea
            label={t('line.description')}
            required
            autosize
            minRows={2}
            value={draft.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={fieldError('description')}
          />
          <Grid gap="sm">
            <Grid.Col span={8}>
              <Select
                label={t('line.planArea')}
                required
                searchable
                data={planAreas}
                value={draft.planAreaCode || null}
                onChange={(v) => set('planAreaCode', v ?? '')}
                error={fieldError('planAreaCode')}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <Select
                label={t('line.part')}
                data={[
                  { value: 'B', label: t('line.partB') },
                  { value: 'A', label: t('line.partA') },
                ]}
                value={draft.isContinuing ? 'A' : 'B'}
                onChange={(v) => set('isContinuing', v === 'A')}
                allowDeselect={false}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <Select
                label={t('line.fundingSource')}
                required
                data={catalog.fundingSources.map((s) => ({ value: s.code, label: name(s) }))}
                value={draft.fundingSourceCode || null}
                onChange={(v) => set('fundingSourceCode', v ?? '')}
                error={fieldError('fundingSourceCode')}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <Select
                label={t('line.expenditureType')}
                required
                data={catalog.expenditureTypes.map((s) => ({ value: s.code, label: name(s) }))}
                value={draft.expenditureTypeCode || null}
                onChange={(v) => set('expenditureTypeCode', v ?? '')}
                error={fieldError('expenditureTypeCode')}
              />
            </Grid.Col>
            <Grid.Col span={4}>
              <Select
                label={t('line.activityKind')}
                required
                data={catalog.activityKinds.map((s) => ({ value: s.code, label: name(s) }))}
                value={draft.activityKindCode || null}
                onChange={(v) => set('activityKindCode', v ?? '')}
                error={fieldError('activityKindCode')}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <TextInput
                label={t('line.measureUnit')}
                required
                value={draft.measureUnit}
                onChange={(e) => set('measureUnit', e.currentTarget.value)}
                error={fieldError('measureUnit')}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <QuantityInput label={t('line.quantity')} required value={draft.quantity} onChange={(v) => set('quantity', v)} error={fieldError('quantity')} />
            </Grid.Col>
            <Grid.Col span={3}>
              <MoneyInput label={t('line.unitPrice')} required value={draft.unitPrice} onChange={(v) => set('unitPrice', v)} error={fieldError('unitPrice')} />
            </Grid.Col>
            <Grid.Col span={3}>
              <Text size="sm" fw={500}>
                {t('line.amount')}
              </Text>
              <Text fw={700} mt={6} className="money" ta="left" data-testid="form-amount" aria-live="polite">
                {amount === null ? '—' : formatVnd(amount)}
              </Text>
              {fieldError('amount') && (
                <Text size="xs" c="red.8">
                  {fieldError('amount')}
                </Text>
              )}
            </Grid.Col>
            <Grid.Col span={3}>
              <MoneyInput
                label={t('line.multiYearTotal')}
                value={draft.multiYearTotal}
                onChange={(v) => set('multiYearTotal', v)}
                error={fieldError('multiYearTotal')}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <MoneyInput label={t('line.contingency')} value={draft.contingency} onChange={(v) => set('contingency', v)} error={fieldError('contingency')} />
            </Grid.Col>
            <Grid.Col span={3}>
              <MoneyInput
                label={t('line.committedMinimum')}
                value={draft.committedMinimum}
                onChange={(v) => set('committedMinimum', v)}
                error={fieldError('committedMinimum')}
              />
            </Grid.Col>
            <Grid.Col span={3}>
              <NumberInput
                label={t('line.priorityTier')}
                min={1}
                max={99}
                allowDecimal={false}
                allowNegative={false}
                value={draft.priorityTier}
                onChange={(v) => set('priorityTier', String(v))}
                error={fieldError('priorityTier')}
              />
            </Grid.Col>
          </Grid>
          <Textarea
            label={t('line.justification')}
            autosize
            minRows={1}
            value={draft.justification}
            onChange={(e) => set('justification', e.currentTarget.value)}
            error={fieldError('justification')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {t('line.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

const FORM_FIELDS = new Set([
  'description',
  'planAreaCode',
  'fundingSourceCode',
  'expenditureTypeCode',
  'activityKindCode',
  'measureUnit',
  'quantity',
  'unitPrice',
  'amount',
  'multiYearTotal',
  'contingency',
  'committedMinimum',
  'priorityTier',
  'justification',
]);
