// Approved amounts of one estimate, inline per line: DOF edits the recurrent lines, DPI the
// investment ones (the other track is shown, read-only); DIC's opinion is beside each line.
import { Alert, Anchor, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ok } from '../../api/client';
import { useMe, useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { MoneyInput } from '../../ui/MoneyInput';
import { formatVnd } from '../../ui/money';
import { StatusBadge } from '../../ui/StatusBadge';
import { useCatalog, useEstimate } from '../estimates/queries';
import { yearKeys } from '../province/queries';
import { ReturnDialog } from '../province/ReturnDialog';

/** The expenditure type a balancer may set: DOF recurrent, DPI investment. */
export function trackOf(role: string): 'RECURRENT' | 'INVESTMENT' | null {
  return role === 'DOF_OFFICER' ? 'RECURRENT' : role === 'DPI_OFFICER' ? 'INVESTMENT' : null;
}

export default function BalanceEstimate() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const { year } = useSession();
  const track = trackOf(me.role);
  const queryClient = useQueryClient();
  const estimate = useEstimate(id);
  const catalog = useCatalog();
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
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
  const sourceName = (code: string) => {
    const source = catalog.data?.fundingSources.find((f) => f.code === code);
    return source ? (i18n.language === 'en' ? source.nameEn : source.name) : code;
  };
  const unitName = i18n.language === 'en' ? e.unit.nameEn : e.unit.name;
  const mine = e.lines.filter((l) => l.expenditureTypeCode === track);
  const editable = e.status === 'SUBMITTED' || e.status === 'BALANCED';
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['estimate', e.id] });
    await queryClient.invalidateQueries({ queryKey: yearKeys(year) });
  };
  const save = async () => {
    const lines = mine.filter((l) => amounts[l.id] !== '' && amounts[l.id] !== undefined).map((l) => ({ lineId: l.id, approvedAmount: amounts[l.id] }));
    if (lines.length === 0) return;
    setBusy(true);
    setError(null);
    setSaved(false);
    try {
      await ok(api.POST('/estimates/{id}/balance', { params: { path: { id: e.id } }, body: { version: e.version, lines } }));
      await refresh();
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const approvedTotal = e.lines.reduce((sum, l) => sum + BigInt(l.approvedAmount ?? '0'), 0n);

  return (
    <Stack>
      <Anchor component={Link} to="/" size="sm">
        ← {t('prov.cockpit.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2}>{t('prov.balance.title', { unit: unitName, year: e.year })}</Title>
        <StatusBadge status={e.status} />
      </Group>
      <Text size="sm">{track === 'RECURRENT' ? t('prov.balance.helpDof') : t('prov.balance.helpDpi')}</Text>
      <Table striped data-testid="balance-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('line.no')}</Table.Th>
            <Table.Th>{t('line.description')}</Table.Th>
            <Table.Th>{t('line.expenditureType')}</Table.Th>
            <Table.Th>{t('line.dicOpinion')}</Table.Th>
            <Table.Th ta="right">{t('prov.requested')}</Table.Th>
            <Table.Th ta="right">{t('prov.approved')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.lines.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{l.lineNo}</Table.Td>
              <Table.Td maw={320}>
                <Text size="sm">{l.description}</Text>
                <Text size="xs" c="dimmed">
                  {l.planAreaCode} · {sourceName(l.fundingSourceCode)} · {t('line.priorityTier')} {l.priorityTier}
                </Text>
              </Table.Td>
              <Table.Td>{t(`typeShort.${l.expenditureTypeCode}`, { defaultValue: l.expenditureTypeCode })}</Table.Td>
              <Table.Td>
                {l.dicOpinion ? t(`opinion.${l.dicOpinion}`) : '—'}
                {l.dicNote && (
                  <Text size="xs" c="dimmed">
                    {l.dicNote}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="right">{formatVnd(l.amount)}</Table.Td>
              <Table.Td ta="right" miw={190}>
                {l.expenditureTypeCode === track && editable ? (
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
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={4}>{t('common.total')}</Table.Th>
            <Table.Th ta="right">{formatVnd(e.totals.total)}</Table.Th>
            <Table.Th ta="right" data-testid="approved-total">
              {formatVnd(approvedTotal)}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
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
                void (async () => {
                  setError(null);
                  try {
                    await ok(
                      api.POST('/estimates/{id}/adjustments', {
                        params: { path: { id: e.id } },
                        body: { lineId: adjustLine, approvedAmount: adjustAmount, reason: adjustReason.trim(), version: e.version },
                      }),
                    );
                    await refresh();
                    setAdjustLine('');
                    setAdjustAmount('');
                    setAdjustReason('');
                    setSaved(true);
                  } catch (err) {
                    setError(err);
                  }
                })()
              }
            >
              {t('prov.balance.adjust')}
            </Button>
          </Group>
        </Paper>
      )}
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
