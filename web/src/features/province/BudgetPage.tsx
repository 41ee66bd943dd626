// The consolidated budget of the year, one screen for DOF/DPI (drill-down totals, rules report,
// exclusions with reasons, submit to the chair, the workbook) and for the chair (the same review with
// the floor gauge and charts, then approve with a decision number and date, or return with a
// comment, after a confirmation restating the figures). Adjustments after approval are listed apart.
import { Alert, Button, Group, Modal, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { downloadFile } from '../../ui/download';
import type { Estimate } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { FloorGauge } from '../../ui/charts';
import { RequestedApprovedChart, type PairRow } from '../../ui/FiguresChart';
import { SummaryBlock } from '../../ui/LineTable';
import { UnitEstimatesTable } from './UnitEstimatesTable';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { decisionDateRange, defaultDecisionDate, formatDate, formatDateTime, isDecisionDateOfYear, parseVnDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { estimateKey, useCatalog } from '../estimates/queries';
import { useBudget, useFloor, useRules, yearKeys, type BudgetView } from './queries';
import { ReturnDialog } from './ReturnDialog';
import { RulesReport } from './RulesReport';
import { DecisionFields } from '../chair/DecisionFields';
import { SoftBadge } from '../../ui/SoftBadge';

interface Adjustment {
  id: string;
  lineNo: number;
  lineDescription: string;
  beforeAmount: string;
  afterAmount: string;
  reason: string;
  actorFullName: string;
  createdAt: string;
}

export default function BudgetPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { year } = useSession();
  const queryClient = useQueryClient();
  const budget = useBudget();
  const floor = useFloor();
  const rules = useRules();
  const catalog = useCatalog();
  const included = useMemo(() => (budget.data?.estimates ?? []).filter((e) => !e.excluded), [budget.data]);
  const details = useQueries({
    queries: included.map((e) => ({
      queryKey: estimateKey(e.estimateId),
      queryFn: async (): Promise<Estimate> => ok(api.GET('/estimates/{id}', { params: { path: { id: e.estimateId } } })),
    })),
  });
  const approved = budget.data?.status === 'APPROVED';
  const adjustments = useQueries({
    queries: approved
      ? included.map((e) => ({
          queryKey: [...yearKeys(year), 'adjustments', e.estimateId],
          queryFn: async (): Promise<Adjustment[]> => ok(api.GET('/estimates/{id}/adjustments', { params: { path: { id: e.estimateId } } })),
        }))
      : [],
  });
  const [action, setAction] = useState<null | 'approve' | 'return' | 'submit'>(null);
  const [decisionNumber, setDecisionNumber] = useState('');
  // Today when it is a date the year's decision may carry, else empty with the range as the hint.
  const [decisionDate, setDecisionDate] = useState(() => defaultDecisionDate(year));
  const [formError, setFormError] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [excludeId, setExcludeId] = useState('');
  const [excludeReason, setExcludeReason] = useState('');

  if (budget.isPending || floor.isPending || rules.isPending) return <Loading />;
  if (!budget.data || !rules.data) return <ErrorAlert error={budget.error ?? rules.error} onRetry={() => void budget.refetch()} />;
  const b: BudgetView = budget.data;
  const isChair = me.role === 'CHAIR';
  const isFinance = me.role === 'DOF_OFFICER' || me.role === 'DPI_OFFICER';
  const name = (n: { name: string; nameEn: string }) => (i18n.language === 'en' ? n.nameEn : n.name);
  const refresh = () => queryClient.invalidateQueries({ queryKey: yearKeys(year) });

  const byUnit: PairRow[] = included.map((e) => ({ key: e.estimateId, label: e.unitName, requested: e.requested, approved: e.approved }));
  const areaTotals = new Map<string, { requested: bigint; approved: bigint }>();
  for (const d of details) {
    for (const l of d.data?.lines ?? []) {
      const row = areaTotals.get(l.planAreaCode) ?? { requested: 0n, approved: 0n };
      row.requested += BigInt(l.amount);
      row.approved += BigInt(l.approvedAmount ?? '0');
      areaTotals.set(l.planAreaCode, row);
    }
  }
  const sourceName = (code: string) => {
    const s = catalog.data?.fundingSources.find((x) => x.code === code);
    return s ? name(s) : code;
  };
  const areaName = (code: string) => {
    const a = catalog.data?.planAreas.find((p) => p.code === code);
    return a ? `${code} ${name(a)}` : code;
  };
  const byArea: PairRow[] = [...areaTotals.entries()]
    .sort(([a], [b2]) => a.localeCompare(b2, 'vi', { numeric: true }))
    .map(([code, v]) => ({ key: code, label: areaName(code), short: code, requested: v.requested.toString(), approved: v.approved.toString() }));
  const allAdjustments = adjustments.flatMap((q, i) => (q.data ?? []).map((a) => ({ ...a, unitName: included[i]?.unitName ?? '' })));

  const run = async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await call();
      await refresh();
      setAction(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const startApprove = () => {
    const problems: Record<string, string> = {};
    if (!decisionNumber.trim()) problems.decisionNumber = t('prov.chair.numberRequired');
    if (!parseVnDate(decisionDate)) problems.decisionDate = t('prov.chair.dateInvalid');
    else if (year !== null && !isDecisionDateOfYear(decisionDate, year)) problems.decisionDate = t('prov.chair.dateOutOfYear', { year, from: formatDate(decisionDateRange(year).from), to: formatDate(decisionDateRange(year).to) });
    setFormError(problems);
    if (Object.keys(problems).length === 0) setAction('approve');
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('prov.budget.title', { year })}</Title>
        <SoftBadge size="lg" color={b.status === 'APPROVED' ? 'green' : b.status === 'SUBMITTED' ? 'violet' : 'gray'} data-testid="budget-status">
          {t(`prov.budgetStatus.${b.status}`)}
        </SoftBadge>
      </Group>
      {b.status === 'RETURNED' && b.returnComment && (
        <Alert color="orange" title={t('prov.budget.returnedWith')} styles={{ title: { color: 'var(--mantine-color-black)' } }}>
          {b.returnComment}
        </Alert>
      )}
      {approved && (
        <Alert color="green" title={t('prov.budget.decided')} data-testid="decision" styles={{ title: { color: 'var(--mantine-color-black)' } }}>
          {t('prov.budget.decision', { number: b.decisionNumber, date: formatDate(b.decisionDate) })}
        </Alert>
      )}
      <SummaryBlock
        figures={[
          // All funding sources of every included estimate: the floor's gauge below counts its own sources only.
          { label: t('prov.budget.requestedAll'), value: formatVnd(b.totals.requested), testId: 'budget-requested', note: t('prov.budget.requestedAllNote') },
          { label: approved ? t('prov.budget.decidedTotal') : t('prov.budget.approvedAll'), value: formatVnd(b.totals.approved), testId: 'budget-approved' },
          // After the decision: the current figure apart from the decided one, with how many adjustments moved it.
          ...(approved
            ? [
                {
                  label: t('prov.budget.adjustedTotal'),
                  value: formatVnd(b.totals.adjusted),
                  testId: 'budget-adjusted',
                  note: <span data-testid="budget-adjustment-count">{t('prov.budget.adjustmentCount', { count: b.totals.adjustments })}</span>,
                  highlight: b.totals.adjustments > 0,
                },
              ]
            : []),
          { label: t('prov.budget.included'), value: t('prov.budget.counts', { included: b.totals.included, excluded: b.totals.excluded, pending: b.totals.pending }) },
          { label: t('prov.chair.warnings'), value: b.warnings.length },
        ]}
      />

      {isChair && b.status === 'SUBMITTED' && (
        <Paper withBorder p="md" data-testid="decision-form">
          <Title order={3} size="h4" mb="xs">
            {t('prov.chair.decisionTitle')}
          </Title>
          <DecisionFields
            number={decisionNumber}
            date={decisionDate}
            // An edited field's error goes until the next try: it spoke of the value before.
            onNumber={(value) => {
              setDecisionNumber(value);
              setFormError(({ decisionNumber: _gone, ...rest }) => rest);
            }}
            onDate={(value) => {
              setDecisionDate(value);
              setFormError(({ decisionDate: _gone, ...rest }) => rest);
            }}
            errors={{ number: formError.decisionNumber, date: formError.decisionDate }}
            year={year}
          />
          <Group mt="md">
            <Button onClick={startApprove}>
              {t('prov.chair.approve')}
            </Button>
            <Button variant="default" onClick={() => setAction('return')}>
              {t('prov.chair.return')}
            </Button>
          </Group>
        </Paper>
      )}

      {isFinance && (b.status === 'DRAFT' || b.status === 'RETURNED') && (
        <Paper withBorder p="md">
          <Group justify="space-between">
            <Text size="sm">{t('prov.budget.submitHelp')}</Text>
            <Button onClick={() => setAction('submit')}>{t('prov.budget.submit')}</Button>
          </Group>
        </Paper>
      )}
      {error !== null && action === null && <ErrorAlert error={error} />}

      {floor.data && <FloorGauge floor={floor.data} showDistricts={!isChair} sourceName={sourceName} />}
      <RequestedApprovedChart title={t('prov.charts.byUnit')} rows={byUnit} testId="chart-by-unit" rowHeader={t('prov.unit')} />
      <RequestedApprovedChart title={t('prov.charts.byArea')} rows={byArea} testId="chart-by-area" rowHeader={t('dash.execution.area')} />
      <RulesReport results={rules.data.results} />

      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h4">
            {t('prov.budget.estimates')}
          </Title>
          {isFinance && (
            <Button variant="default" size="xs" onClick={() => void downloadFile(`/fiscal-years/${year}/report.xlsx`, `du-toan-cntt-${year}.xlsx`).catch(setError)}>
              {t('prov.budget.workbook')}
            </Button>
          )}
        </Group>
        <UnitEstimatesTable
          estimates={b.estimates}
          testId="budget-estimates"
          linkUnit={isFinance}
          adjusted={approved}
          last={{
            key: 'exclusion',
            header: t('prov.budget.exclusion'),
            render: (e) =>
              e.excluded ? (
                <Group gap="xs">
                  <Text size="sm">{t('prov.budget.excludedBecause', { reason: e.exclusionReason })}</Text>
                  {isFinance && (b.status === 'DRAFT' || b.status === 'RETURNED') && (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() =>
                        void run(() => ok(api.DELETE('/fiscal-years/{year}/budget/exclusions/{estimateId}', { params: { path: { year: year!, estimateId: e.estimateId } } })))
                      }
                    >
                      {t('prov.budget.include')}
                    </Button>
                  )}
                </Group>
              ) : (
                '—'
              ),
          }}
        />
        {isFinance && (b.status === 'DRAFT' || b.status === 'RETURNED') && (
          <Group align="flex-end" mt="md">
            <NativeSelect
              label={t('prov.budget.excludeWhich')}
              value={excludeId}
              onChange={(ev) => setExcludeId(ev.currentTarget.value)}
              data={[{ value: '', label: '—' }, ...included.map((e) => ({ value: e.estimateId, label: e.unitName }))]}
            />
            <TextInput label={t('prov.budget.excludeReason')} value={excludeReason} onChange={(ev) => setExcludeReason(ev.currentTarget.value)} w={360} />
            <Button
              variant="outline"
              disabled={!excludeId || !excludeReason.trim()}
              onClick={() =>
                void run(async () => {
                  await ok(api.POST('/fiscal-years/{year}/budget/exclusions', { params: { path: { year: year! } }, body: { estimateId: excludeId, reason: excludeReason.trim() } }));
                  setExcludeId('');
                  setExcludeReason('');
                })
              }
            >
              {t('prov.budget.exclude')}
            </Button>
          </Group>
        )}
      </Paper>

      {approved && (
        <Paper withBorder p="md" data-testid="adjustments">
          <Title order={3} size="h4" mb="xs">
            {t('prov.budget.adjustments')}
          </Title>
          <Text size="sm" c="dimmed" mb="xs">
            {t('prov.budget.adjustmentsHelp')}
          </Text>
          {allAdjustments.length === 0 ? (
            <Text size="sm">{t('prov.budget.noAdjustments')}</Text>
          ) : (
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('prov.unit')}</Table.Th>
                  <Table.Th>{t('line.description')}</Table.Th>
                  <Table.Th ta="right">{t('prov.budget.before')}</Table.Th>
                  <Table.Th ta="right">{t('prov.budget.after')}</Table.Th>
                  <Table.Th>{t('prov.budget.reason')}</Table.Th>
                  <Table.Th>{t('prov.budget.by')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {allAdjustments.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>{a.unitName}</Table.Td>
                    <Table.Td>
                      {a.lineNo}. {a.lineDescription}
                    </Table.Td>
                    <Table.Td ta="right">{formatVnd(a.beforeAmount)}</Table.Td>
                    <Table.Td ta="right">{formatVnd(a.afterAmount)}</Table.Td>
                    <Table.Td>{a.reason}</Table.Td>
                    <Table.Td>
                      {a.actorFullName}, {formatDateTime(a.createdAt)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      )}

      <Modal opened={action === 'approve' || action === 'submit'} onClose={() => setAction(null)} closeButtonProps={{ 'aria-label': t('common.close') }} transitionProps={{ duration: 0 }} title={action === 'approve' ? t('prov.chair.confirmTitle') : t('prov.budget.confirmSubmit')} size="lg">
        <Stack>
          <Text size="sm">{action === 'approve' ? t('prov.chair.confirmIntro') : t('prov.budget.confirmSubmitIntro')}</Text>
          <Table data-testid="confirm-figures">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{t('prov.budget.requestedAll')}</Table.Th>
                <Table.Td ta="right">{formatVnd(b.totals.requested)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('prov.budget.approvedAll')}</Table.Th>
                <Table.Td ta="right" data-testid="confirm-approved">{formatVnd(b.totals.approved)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('prov.budget.included')}</Table.Th>
                <Table.Td ta="right">{t('prov.budget.counts', { included: b.totals.included, excluded: b.totals.excluded, pending: b.totals.pending })}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('prov.floor.state')}</Table.Th>
                <Table.Td ta="right">{floor.data?.compliant ? t('prov.floor.compliant') : t('prov.floor.short')}</Table.Td>
              </Table.Tr>
              {action === 'approve' && (
                <Table.Tr>
                  <Table.Th scope="row">{t('prov.chair.decisionNumber')}</Table.Th>
                  <Table.Td ta="right">
                    {decisionNumber} — {decisionDate}
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
          {b.warnings.length > 0 && (
            <Alert color="orange" title={t('prov.chair.warnings')} styles={{ title: { color: 'var(--mantine-color-black)' } }}>
              {b.warnings.map((w, i) => (
                <div key={i}>{w.includes(' / ') ? (i18n.language === 'en' ? w.split(' / ')[1] : w.split(' / ')[0]) : w}</div>
              ))}
            </Alert>
          )}
          {error !== null && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setAction(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              loading={busy}
              onClick={() =>
                void run(() =>
                  action === 'approve'
                    ? ok(api.POST('/fiscal-years/{year}/budget/approve', { params: { path: { year: year! } }, body: { version: b.version, decisionNumber: decisionNumber.trim(), decisionDate: parseVnDate(decisionDate)! } }))
                    : ok(api.POST('/fiscal-years/{year}/budget/submit', { params: { path: { year: year! } }, body: {} })),
                )
              }
            >
              {action === 'approve' ? t('prov.chair.approveConfirm') : t('prov.budget.submitConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <ReturnDialog
        opened={action === 'return'}
        onClose={() => setAction(null)}
        title={t('prov.chair.returnTitle', { year })}
        intro={t('prov.chair.returnIntro', { approved: formatVnd(b.totals.approved) })}
        onReturn={async (comment) => {
          await ok(api.POST('/fiscal-years/{year}/budget/return', { params: { path: { year: year! } }, body: { version: b.version, comment } }));
          await refresh();
        }}
      />
    </Stack>
  );
}
