// DIC's review of one estimate: per line the opinion (agree / agree with changes / disagree) with a
// note, the preliminary-design agreement for IT investment projects, and "return with a comment".
import { Alert, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ok } from '../../api/client';
import type { Line } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LineTable } from '../../ui/LineTable';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { EstimateHeading, ReturnEstimateDialog, useEstimateScreen, useSaveState } from '../province/EstimateScreen';

type Opinion = NonNullable<Line['dicOpinion']>;
interface Draft {
  opinion: Opinion | '';
  note: string;
  designAgreed: boolean | null;
}
type LineWithDesign = Line & { designAgreed?: boolean | null };

const isProject = (l: Line) => l.expenditureTypeCode === 'INVESTMENT' && l.activityKindCode === 'PROJECT';

export default function ReviewEstimate() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { estimate, sourceName, unitName, refresh } = useEstimateScreen(id);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const { busy, error, saved, setSaved, run } = useSaveState();
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
  const set = (lineId: string, patch: Partial<Draft>) => {
    setSaved(false);
    setDrafts((d) => ({ ...d, [lineId]: { ...d[lineId], ...patch } }));
  };
  const draftOf = (l: Line): Draft => drafts[l.id] ?? { opinion: '', note: '', designAgreed: null };

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
    await run(async () => {
      await ok(api.POST('/estimates/{id}/review', { params: { path: { id: e.id } }, body: { version: e.version, opinions } }));
      await refresh(e.id);
    });
  };

  const canReview = e.status === 'SUBMITTED' || e.status === 'BALANCED';
  return (
    <Stack>
      <EstimateHeading back={t('prov.dic.queueTitle')} title={t('prov.dic.reviewTitle', { unit: unitName(e), year: e.year })} status={e.status} />
      {!canReview && <Alert>{t('prov.dic.notReviewable')}</Alert>}
      <LineTable
        testId="review-lines"
        verticalSpacing="xs"
        lines={e.lines}
        details={(l) => `${l.planAreaCode} · ${t(`typeShort.${l.expenditureTypeCode}`, { defaultValue: l.expenditureTypeCode })} · ${sourceName(l.fundingSourceCode)}`}
        columns={[
          { key: 'amount', header: t('line.amount'), align: 'right', render: (l) => formatVnd(l.amount) },
          {
            key: 'opinion',
            header: t('line.dicOpinion'),
            render: (l) => (
              <NativeSelect
                aria-label={t('prov.dic.opinionFor', { no: l.lineNo })}
                disabled={!canReview}
                value={draftOf(l).opinion}
                onChange={(ev) => set(l.id, { opinion: ev.currentTarget.value as Opinion | '' })}
                data={[
                  { value: '', label: t('prov.dic.noOpinion') },
                  { value: 'AGREE', label: t('opinion.AGREE') },
                  { value: 'AGREE_WITH_CHANGES', label: t('opinion.AGREE_WITH_CHANGES') },
                  { value: 'DISAGREE', label: t('opinion.DISAGREE') },
                ]}
              />
            ),
          },
          {
            key: 'note',
            header: t('prov.dic.note'),
            render: (l) => (
              <TextInput aria-label={t('prov.dic.noteFor', { no: l.lineNo })} disabled={!canReview} value={draftOf(l).note} onChange={(ev) => set(l.id, { note: ev.currentTarget.value })} />
            ),
          },
          {
            key: 'design',
            header: t('prov.dic.design'),
            render: (l) =>
              isProject(l) ? (
                <Checkbox
                  label={t('prov.dic.designAgreed')}
                  aria-label={t('prov.dic.designFor', { no: l.lineNo })}
                  disabled={!canReview}
                  checked={draftOf(l).designAgreed === true}
                  onChange={(ev) => set(l.id, { designAgreed: ev.currentTarget.checked })}
                />
              ) : (
                <Text size="xs" c="dimmed">
                  {t('checkState.na')}
                </Text>
              ),
          },
        ]}
      />
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
      <ReturnEstimateDialog estimate={e} unitName={unitName(e)} opened={returning} onClose={() => setReturning(false)} onReturned={() => refresh(e.id)} />
    </Stack>
  );
}
