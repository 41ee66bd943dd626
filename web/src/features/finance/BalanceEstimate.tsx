// Approved amounts of one estimate, inline per line: DOF edits the recurrent lines, DPI the
// investment ones (the other track is shown, read-only); DIC's opinion is beside each line.
import { Alert, Button, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useMe } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { LineTable } from '../../ui/LineTable';
import { Loading } from '../../ui/Loading';
import { MoneyInput } from '../../ui/MoneyInput';
import { formatVnd } from '../../ui/money';
import { EstimateHeading, ReturnEstimateDialog, useEstimateScreen, useSaveState } from '../province/EstimateScreen';

/** The expenditure type a balancer may set: DOF recurrent, DPI investment. */
export function trackOf(role: string): 'RECURRENT' | 'INVESTMENT' | null {
  return role === 'DOF_OFFICER' ? 'RECURRENT' : role === 'DPI_OFFICER' ? 'INVESTMENT' : null;
}

export default function BalanceEstimate() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const track = trackOf(me.role);
  const { estimate, sourceName, unitName, refresh } = useEstimateScreen(id);
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const { busy, error, saved, setSaved, run } = useSaveState();
  const [returning, setReturning] = useState(false);
  const [adjustLine, setAdjustLine] = useState('');
  const [adjustAmount, setAdjustAmount] = useState('');
  const [adjustReason, setAdjustReason] = useState('');

  useEffect(() => {
    if (estimate.data) setAmounts(Object.fromEntries(estimate.data.lines.map((l) => [l.id, l.approvedAmount ?? ''])));
  }, [estimate.data]);

  if (estimate.isPending) return <Loading />;
  if (estimate.error) return <ErrorAlert error={estimate.error} onRetry={() => void estimate.refetch()} />;
  const e = estimate.data;
  const mine = e.lines.filter((l) => l.expenditureTypeCode === track);
  const editable = e.status === 'SUBMITTED' || e.status === 'BALANCED';
  const save = async () => {
    const lines = mine.filter((l) => amounts[l.id] !== '' && amounts[l.id] !== undefined).map((l) => ({ lineId: l.id, approvedAmount: amounts[l.id] }));
    if (lines.length === 0) return;
    await run(async () => {
      await ok(api.POST('/estimates/{id}/balance', { params: { path: { id: e.id } }, body: { version: e.version, lines } }));
      await refresh(e.id);
    });
  };
  const approvedTotal = e.lines.reduce((sum, l) => sum + BigInt(l.approvedAmount ?? '0'), 0n);

  return (
    <Stack>
      <EstimateHeading back={t('prov.cockpit.back')} title={t('prov.balance.title', { unit: unitName(e), year: e.year })} status={e.status} />
      <Text size="sm">{track === 'RECURRENT' ? t('prov.balance.helpDof') : t('prov.balance.helpDpi')}</Text>
      <LineTable
        testId="balance-lines"
        lines={e.lines}
        details={(l) => `${l.planAreaCode} · ${sourceName(l.fundingSourceCode)} · ${t('line.priorityTier')} ${l.priorityTier}`}
        footerLabel={t('common.total')}
        columns={[
          { key: 'type', header: t('line.expenditureType'), render: (l) => t(`typeShort.${l.expenditureTypeCode}`, { defaultValue: l.expenditureTypeCode }) },
          {
            key: 'opinion',
            header: t('line.dicOpinion'),
            render: (l) => (
              <>
                {l.dicOpinion ? t(`opinion.${l.dicOpinion}`) : '—'}
                {l.dicNote && (
                  <Text size="xs" c="dimmed">
                    {l.dicNote}
                  </Text>
                )}
              </>
            ),
          },
          { key: 'requested', header: t('prov.requested'), align: 'right', render: (l) => formatVnd(l.amount), footer: formatVnd(e.totals.total) },
          {
            key: 'approved',
            header: t('prov.approved'),
            align: 'right',
            miw: 190,
            footer: formatVnd(approvedTotal),
            footerTestId: 'approved-total',
            render: (l) =>
              l.expenditureTypeCode === track && editable ? (
                <MoneyInput
                  aria-label={t('prov.balance.approvedFor', { no: l.lineNo })}
                  value={amounts[l.id] ?? ''}
                  onChange={(value: string) => {
                    setSaved(false);
                    setAmounts((a) => ({ ...a, [l.id]: value }));
                  }}
                />
              ) : (
                <Text size="sm" title={l.expenditureTypeCode !== track ? t('prov.balance.otherTrack') : undefined}>
                  {formatVnd(l.approvedAmount)}
                </Text>
              ),
          },
        ]}
      />
      {mine.length === 0 && <Alert>{t('prov.balance.noneOfMine')}</Alert>}
      {error !== null && <ErrorAlert error={error} />}
      {saved && (
        <Alert color="green" role="status">
          {t('prov.balance.saved')}
        </Alert>
      )}
      <Group>
        <Button onClick={() => void save()} loading={busy} disabled={!editable || mine.length === 0}>
          {t('prov.balance.save')}
        </Button>
        <Button variant="default" onClick={() => setReturning(true)} disabled={!editable}>
          {t('prov.returnEstimate')}
        </Button>
      </Group>
      {e.status === 'APPROVED' && mine.length > 0 && (
        <Paper withBorder p="md" data-testid="adjust-form">
          <Title order={3} size="h4" mb="xs">
            {t('prov.balance.adjustTitle')}
          </Title>
          <Text size="sm" mb="xs">
            {t('prov.balance.adjustHelp')}
          </Text>
          <Group align="flex-end">
            <NativeSelect
              label={t('prov.balance.adjustLine')}
              value={adjustLine}
              onChange={(ev) => setAdjustLine(ev.currentTarget.value)}
              data={[{ value: '', label: '—' }, ...mine.map((l) => ({ value: l.id, label: `${l.lineNo}. ${l.description.slice(0, 60)}` }))]}
            />
            <MoneyInput label={t('prov.balance.adjustAmount')} value={adjustAmount} onChange={setAdjustAmount} w={200} />
            <TextInput label={t('prov.budget.reason')} value={adjustReason} onChange={(ev) => setAdjustReason(ev.currentTarget.value)} w={300} />
            <Button
              disabled={!adjustLine || adjustAmount === '' || !adjustReason.trim()}
              onClick={() =>
                void run(async () => {
                  await ok(
                    api.POST('/estimates/{id}/adjustments', {
                      params: { path: { id: e.id } },
                      body: { lineId: adjustLine, approvedAmount: adjustAmount, reason: adjustReason.trim(), version: e.version },
                    }),
                  );
                  await refresh(e.id);
                  setAdjustLine('');
                  setAdjustAmount('');
                  setAdjustReason('');
                })
              }
            >
              {t('prov.balance.adjust')}
            </Button>
          </Group>
        </Paper>
      )}
      <ReturnEstimateDialog estimate={e} unitName={unitName(e)} opened={returning} onClose={() => setReturning(false)} onReturned={() => refresh(e.id)} />
    </Stack>
  );
}
