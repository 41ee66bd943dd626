// The 409 dialog: someone else changed the estimate since the form was opened. It shows, field by
// field, what the line was, what it is now and what the officer typed; reloading keeps the typing.
import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Catalog } from '../../api/types';
import { formatVnd } from '../../ui/money';
import { DRAFT_FIELDS, MONEY_FIELDS, type LineDraft } from './lineDraft';

interface Props {
  opened: boolean;
  catalog: Catalog;
  /** The line as it was when the form opened (null for a new line). */
  base: LineDraft | null;
  /** The line as the server holds it now (null: deleted, or a new line). */
  current: LineDraft | null;
  typed: LineDraft;
  /** Lines added, changed or removed elsewhere in the estimate. */
  otherChanges: number;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

export function ConflictDialog({ opened, catalog, base, current, typed, otherChanges, onKeepMine, onTakeTheirs }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const show = (field: keyof LineDraft, draft: LineDraft | null): string => {
    if (!draft) return '—';
    const value = draft[field];
    if (typeof value === 'boolean') return value ? t('line.partA') : t('line.partB');
    if (value === '') return '—';
    if (MONEY_FIELDS.has(field)) return formatVnd(value);
    const lookup =
      field === 'planAreaCode'
        ? catalog.planAreas
        : field === 'fundingSourceCode'
          ? catalog.fundingSources
          : field === 'expenditureTypeCode'
            ? catalog.expenditureTypes
            : field === 'activityKindCode'
              ? catalog.activityKinds
              : null;
    const item = lookup?.find((x) => x.code === value);
    return item ? (en ? item.nameEn : item.name) : value;
  };
  const changed = base && current ? DRAFT_FIELDS.filter((f) => base[f] !== current[f]) : [];

  return (
    <Modal opened={opened} onClose={onKeepMine} title={t('conflict.title')} size="xl" closeOnClickOutside={false} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack>
        <Text>{t('conflict.intro')}</Text>
        {base && !current && <Alert color="orange">{t('conflict.deleted')}</Alert>}
        {changed.length > 0 && (
          <Table withTableBorder striped data-testid="conflict-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conflict.field')}</Table.Th>
                <Table.Th>{t('conflict.before')}</Table.Th>
                <Table.Th>{t('conflict.now')}</Table.Th>
                <Table.Th>{t('conflict.typed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changed.map((field) => (
                <Table.Tr key={field}>
                  <Table.Td>{t(`line.${field === 'isContinuing' ? 'part' : field}`)}</Table.Td>
                  <Table.Td>{show(field, base)}</Table.Td>
                  <Table.Td fw={700}>{show(field, current)}</Table.Td>
                  <Table.Td>{base && typed[field] === base[field] ? t('conflict.unchanged') : show(field, typed)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {base && current && changed.length === 0 && <Text size="sm">{t('conflict.lineSame')}</Text>}
        {otherChanges > 0 && <Text size="sm">{t('conflict.others', { count: otherChanges })}</Text>}
        <Group justify="flex-end">
          {current && (
            <Button variant="default" onClick={onTakeTheirs}>
              {t('conflict.takeTheirs')}
            </Button>
          )}
          <Button onClick={onKeepMine}>{t('conflict.keepMine')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
