// DIC's review of one estimate: per line the opinion (agree / agree with changes / disagree) with a
// note, the preliminary-design agreement for IT investment projects, and "return with a comment".
import { Alert, Anchor, Button, Checkbox, Group, NativeSelect, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { Line } from '../../api/types';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { StatusBadge } from '../../ui/StatusBadge';
import { useCatalog, useEstimate } from '../estimates/queries';
import { yearKeys } from '../province/queries';
import { ReturnDialog } from '../province/ReturnDialog';

type Opinion = NonNullable<Line['dicOpinion']>;
interface Draft {
  opinion: Opinion | '';
  note: string;
  designAgreed: boolean | null;
}
type LineWithDesign = Line & { designAgreed?: boolean | null };

const isProject = (l: Line) => l.expenditureTypeCode === 'INVESTMENT' && l.activityKindCode === 'PROJECT';

export default function ReviewEstimate() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { year } = useSession();
  const queryClient = useQueryClient();
  const estimate = useEstimate(id);
  const catalog = useCatalog();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [returning, setReturning] = useState(false);

  useEffect(() => {
    if (!estimate.data) return;
    setDrafts(
      Object.fromEntries(
        estimate.data.lines.map((l: LineWithDesign) => [l.id, { opinion: l.dicOpinion ?? '', note: l.dicNote ?? '', designAgreed: l.designAgreed ?? null }]),
      ),
    );
  }, [estimate.data]);

  if (estimate.isPending) return <Loading />;
  if (estimate.error) return <ErrorAlert error={estimate.error} onRetry={() => void estimate.refetch()} />;
  const e = estimate.data;
  const sourceName = (code: string) => {
    const source = catalog.data?.fundingSources.find((f) => f.code === code);
    return source ? (i18n.language === 'en' ? source.nameEn : source.name) : code;
  };
  const unitName = i18n.language === 'en' ? e.unit.nameEn : e.unit.name;
  const set = (lineId: string, patch: Partial<Draft>) => {
    setSaved(false);
    setDrafts((d) => ({ ...d, [lineId]: { ...d[lineId], ...patch } }));
  };
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['estimate', e.id] });
    await queryClient.invalidateQueries({ queryKey: yearKeys(year) });
  };

  const save = async () => {
    const opinions = e.lines
      .filter((l) => drafts[l.id]?.opinion)
      .map((l) => {
        const d = drafts[l.id];
        return {
          lineId: l.id,
          opinion: d.opinion as Opinion,
          ...(d.note.trim() ? { note: d.note.trim() } : {}),
          ...(isProject(l) && d.designAgreed !== null ? { designAgreed: d.designAgreed } : {}),
        };
      });
    if (opinions.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/estimates/{id}/review', { params: { path: { id: e.id } }, body: { version: e.version, opinions } }));
      await refresh();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const canReview = e.status === 'SUBMITTED' || e.status === 'BALANCED';
  return (
    <Stack>
      <Anchor component={Link} to="/" size="sm">
        ← {t('prov.dic.queueTitle')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{t('prov.dic.reviewTitle', { unit: unitName, year: e.year })}</Title>
        <StatusBadge status={e.status} />
      </Group>
      {!canReview && <Alert>{t('prov.dic.notReviewable')}</Alert>}
      <Table striped data-testid="review-lines" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('line.no')}</Table.Th>
            <Table.Th>{t('line.description')}</Table.Th>
            <Table.Th ta="right">{t('line.amount')}</Table.Th>
            <Table.Th>{t('line.dicOpinion')}</Table.Th>
            <Table.Th>{t('prov.dic.note')}</Table.Th>
            <Table.Th>{t('prov.dic.design')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.lines.map((l) => {
            const d = drafts[l.id] ?? { opinion: '', note: '', designAgreed: null };
            return (
              <Table.Tr key={l.id}>
                <Table.Td>{l.lineNo}</Table.Td>
                <Table.Td maw={340}>
                  <Text size="sm">{l.description}</Text>
                  <Text size="xs" c="dimmed">
                    {l.planAreaCode} · {t(`typeShort.${l.expenditureTypeCode}`, { defaultValue: l.expenditureTypeCode })} · {sourceName(l.fundingSourceCode)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{formatVnd(l.amount)}</Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={t('prov.dic.opinionFor', { no: l.lineNo })}
                    disabled={!canReview}
                    value={d.opinion}
                    onChange={(ev) => set(l.id, { opinion: ev.currentTarget.value as Opinion | '' })}
                    data={[
                      { value: '', label: t('prov.dic.noOpinion') },
                      { value: 'AGREE', label: t('opinion.AGREE') },
                      { value: 'AGREE_WITH_CHANGES', label: t('opinion.AGREE_WITH_CHANGES') },
                      { value: 'DISAGREE', label: t('opinion.DISAGREE') },
                    ]}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    aria-label={t('prov.dic.noteFor', { no: l.lineNo })}
                    disabled={!canReview}
                    value={d.note}
                    onChange={(ev) => set(l.id, { note: ev.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  {isProject(l) ? (
                    <Checkbox
                      label={t('prov.dic.designAgreed')}
                      aria-label={t('prov.dic.designFor', { no: l.lineNo })}
                      disabled={!canReview}
                      checked={d.designAgreed === true}
                      onChange={(ev) => set(l.id, { designAgreed: ev.currentTarget.checked })}
                    />
                  ) : (
                    <Text size="xs" c="dimmed">
                      {t('checkState.na')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {error !== null && <ErrorAlert error={error} />}
      {saved && (
        <Alert color="green" role="status">
          {t('prov.dic.saved')}
        </Alert>
      )}
      <Group>
        <Button onClick={() => void save()} loading={busy} disabled={!canReview}>
          {t('prov.dic.save')}
        </Button>
        <Button variant="default" onClick={() => setReturning(true)} disabled={!canReview}>
          {t('prov.returnEstimate')}
        </Button>
      </Group>
      <ReturnDialog
        opened={returning}
        onClose={() => setReturning(false)}
        title={t('prov.returnEstimateTitle', { unit: unitName })}
        intro={t('prov.returnEstimateIntro')}
        onReturn={async (comment) => {
          await ok(api.POST('/estimates/{id}/return', { params: { path: { id: e.id } }, body: { version: e.version, comment } }));
          await refresh();
        }}
      />
    </Stack>
  );
}
