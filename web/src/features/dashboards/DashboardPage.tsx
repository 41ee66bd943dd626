// The plan's dashboards (every province role; the chair first): the targets against progress per
// half-year, the 1% floor across the plan's years, execution (disbursed against approved) by unit and
// plan area; each chart with its table beside it, and the chair's workbook to download. A period or a
// unit without data is a gap in the chart and "—" in the table, never a 0.
import { Alert, Button, Group, NativeSelect, Paper, SegmentedControl, Stack, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { measureUnitText } from '../../i18n';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../app/session';
import { downloadFile } from '../../ui/download';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { FiguresChart, type FigureRow } from '../../ui/FiguresChart';
import { formatDate, formatDecimal } from '../../ui/format';
import { SlotTable } from '../../ui/LineTable';
import { Loading } from '../../ui/Loading';
import { SoftBadge } from '../../ui/SoftBadge';

type Dashboard = components['schemas']['DashboardDto'];
type PeriodFloor = components['schemas']['PeriodFloorDto'];
type Half = 1 | 2;

/** The half shown first: the second once the year is over (the whole year's figures), else the first. */
function defaultHalf(year: number): Half {
  return new Date().getFullYear() > year ? 2 : 1;
}

function usePlanPeriod(year: number | null) {
  return useQuery({
    queryKey: ['plan-periods'],
    queryFn: () => ok(api.GET('/plan-periods')),
    select: (periods) => periods.find((p) => year !== null && p.years.includes(year)) ?? null,
  });
}

function TargetsTab({ dashboard }: { dashboard: Dashboard }) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState(dashboard.targets[0]?.code ?? '');
  const en = i18n.language === 'en';
  const indicator = (x: { indicator: string; indicatorEn: string }) => (en ? x.indicatorEn : x.indicator);
  const half = t(`dash.halfLong.${dashboard.half}`, { year: dashboard.year });
  const target = dashboard.targets.find((x) => x.code === code) ?? dashboard.targets[0];
  if (!target) return <Alert>{t('dash.noData')}</Alert>;
  const rows: FigureRow[] = target.trend.map((p) => ({
    key: `${p.year}-${p.half}`,
    label: t(`dash.halfLong.${p.half}`, { year: p.year }),
    short: t(`dash.halfShort.${p.half}`, { year: p.year }),
    values: { value: p.value ?? null, target: target.target },
  }));
  return (
    <Stack>
      <NativeSelect
        label={t('dash.targets.pick')}
        value={target.code}
        onChange={(e) => setCode(e.currentTarget.value)}
        data={dashboard.targets.map((x) => ({ value: x.code, label: indicator(x) }))}
        maw={720}
      />
      <FiguresChart
        title={t('dash.targets.chartTitle')}
        chartLabel={`${t('dash.targets.chartTitle')}: ${indicator(target)}`}
        description={t('dash.targets.description')}
        testId="target-trend"
        rowHeader={t('dash.targets.period')}
        axisName={measureUnitText(t, target.measureUnit)}
        columns={[
          { key: 'value', label: t('dash.targets.value', { unit: measureUnitText(t, target.measureUnit) }), kind: 'value', draw: 'line', color: '#1971c2' },
          { key: 'target', label: t('dash.targets.targetLine', { unit: measureUnitText(t, target.measureUnit) }), kind: 'value', draw: 'line', color: '#c92a2a', dashed: true },
        ]}
        rows={rows}
        height={280}
      />
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('dash.targets.summary', { half })}
        </Title>
        <SlotTable
          testId="targets-table"
          fz="sm"
          rows={dashboard.targets}
          rowKey={(x) => x.code}
          columns={[
            {
              key: 'indicator',
              header: t('dash.targets.indicator'),
              render: (x) => (
                <>
                  {indicator(x)}
                  {x.aggregation !== 'PROVINCE_VALUE' && (
                    <Text span size="xs" c="dimmed" display="block">
                      {t('dash.targets.coverage', { reporting: x.reportingUnits, population: x.populationUnits })}
                    </Text>
                  )}
                </>
              ),
            },
            { key: 'target', header: t('dash.targets.target'), align: 'right', render: (x) => `${formatDecimal(x.target)} ${measureUnitText(t, x.measureUnit)}` },
            {
              key: 'value',
              header: t('dash.targets.current'),
              align: 'right',
              cellTestId: (x) => `target-${x.code}-value`,
              render: (x) => (x.value === null ? '—' : `${formatDecimal(x.value)} ${measureUnitText(t, x.measureUnit)}`),
            },
            { key: 'gap', header: t('dash.targets.gap'), align: 'right', render: (x) => formatDecimal(x.gap) },
            {
              key: 'state',
              header: t('dash.targets.state'),
              render: (x) =>
                x.met === null ? (
                  <Text span size="sm" c="dimmed">
                    {t('dash.noData')}
                  </Text>
                ) : (
                  <SoftBadge color={x.met ? 'green' : 'red'}>{x.met ? t('dash.targets.met') : t('dash.targets.notMet')}</SoftBadge>
                ),
            },
          ]}
        />
      </Paper>
    </Stack>
  );
}

function FloorTab({ floor }: { floor: PeriodFloor }) {
  const { t } = useTranslation();
  const rows: FigureRow[] = floor.years.map((y) => ({
    key: String(y.year),
    label: String(y.year),
    values: {
      floor: y.floorAmount,
      // The figures are the year's live check (0 without lines); the chart draws a gap, not a 0
      // bar, where there is no line or none approved yet, and the state says whether it is short.
      requested: y.lines > 0 ? y.requestedTotal : null,
      approved: y.approvedLines > 0 ? y.itTotal : null,
      state: y.compliant === null ? null : y.compliant ? t('dash.floor.compliant') : t('dash.floor.short'),
    },
  }));
  return (
    <FiguresChart
      title={t('dash.floor.title')}
      description={t('dash.floor.description')}
      testId="floor-years"
      rowHeader={t('dash.floor.year')}
      columns={[
        { key: 'floor', label: t('dash.floor.floor'), kind: 'money', draw: 'line', color: '#c92a2a', dashed: true },
        { key: 'requested', label: t('dash.floor.requested'), kind: 'money', draw: 'bar', color: '#868e96' },
        { key: 'approved', label: t('dash.floor.approved'), kind: 'money', draw: 'bar', color: '#1971c2' },
        { key: 'state', label: t('dash.floor.state'), kind: 'text' },
      ]}
      rows={rows}
    />
  );
}

function ExecutionTab({ dashboard }: { dashboard: Dashboard }) {
  const { t, i18n } = useTranslation();
  const { execution, reporting } = dashboard;
  const half = t(`dash.halfLong.${dashboard.half}`, { year: dashboard.year });
  if (execution.byUnit.length === 0) return <Alert data-testid="execution-none">{t('dash.execution.none', { year: dashboard.year })}</Alert>;
  // Disbursement is known only from accepted reports: with none for the half, every disbursed
  // figure is missing, not 0.
  const anyAccepted = execution.byUnit.some((u) => u.reportStatus === 'ACCEPTED');
  const unitRows: FigureRow[] = execution.byUnit.map((u) => {
    const known = u.reportStatus === 'ACCEPTED';
    return {
      key: u.unitCode,
      label: u.unitName,
      short: u.unitCode,
      values: { approved: u.approved, disbursed: known ? u.disbursed : null, percent: known ? u.percent : null },
      note: known ? undefined : t('dash.execution.noReport'),
    };
  });
  const total = execution.total;
  unitRows.push({
    key: 'TOTAL',
    label: t('dash.execution.total'),
    short: t('dash.execution.total'),
    values: { approved: total.approved, disbursed: anyAccepted ? total.disbursed : null, percent: anyAccepted ? total.percent : null },
  });
  const areaRows: FigureRow[] = execution.byPlanArea.map((a) => ({
    key: a.code,
    label: `${a.code} ${i18n.language === 'en' ? a.nameEn : a.name}`,
    short: a.code,
    values: { approved: a.approved, disbursed: anyAccepted ? a.disbursed : null, percent: anyAccepted ? a.percent : null },
  }));
  const columns = [
    { key: 'approved', label: t('dash.execution.approved'), kind: 'money' as const, draw: 'bar' as const, color: '#868e96' },
    { key: 'disbursed', label: t('dash.execution.disbursed'), kind: 'money' as const, draw: 'bar' as const, color: '#2b8a3e' },
    { key: 'percent', label: t('dash.execution.percent'), kind: 'percent' as const },
  ];
  return (
    <Stack>
      <Text size="sm" data-testid="reporting">
        {t('dash.execution.reporting', { accepted: reporting.accepted, expected: reporting.expected, due: formatDate(reporting.dueDate) })}
      </Text>
      <FiguresChart
        title={t('dash.execution.byUnit', { half })}
        description={t('dash.execution.byUnitNote')}
        testId="execution-units"
        rowHeader={t('dash.execution.unit')}
        columns={columns}
        rows={unitRows}
      />
      <FiguresChart
        title={t('dash.execution.byArea', { half })}
        description={t('dash.execution.byAreaNote')}
        testId="execution-areas"
        rowHeader={t('dash.execution.area')}
        columns={columns}
        rows={areaRows}
      />
    </Stack>
  );
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const { year } = useSession();
  const period = usePlanPeriod(year);
  const [chosenHalf, setHalf] = useState<Half | null>(null);
  const [error, setError] = useState<unknown>(null);
  const half: Half = chosenHalf ?? (year ? defaultHalf(year) : 1);
  const periodId = period.data?.id ?? null;
  const dashboard = useQuery({
    queryKey: ['dashboard', periodId, year, half],
    enabled: periodId !== null && year !== null,
    queryFn: () => ok(api.GET('/plan-periods/{id}/dashboard', { params: { path: { id: periodId! }, query: { year: year!, half } } })),
  });
  const floor = useQuery({
    queryKey: ['period-floor', periodId],
    enabled: periodId !== null,
    queryFn: () => ok(api.GET('/plan-periods/{id}/floor', { params: { path: { id: periodId! } } })),
  });

  if (period.isPending) return <Loading />;
  if (period.isError) return <ErrorAlert error={period.error} onRetry={() => void period.refetch()} />;
  if (!period.data || year === null) return <Alert>{t('dash.noPeriod', { year })}</Alert>;
  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('dash.title', { period: period.data.id })}</Title>
        <Group align="flex-end">
          <Stack gap={2} data-testid="half">
            <Text size="sm" fw={500} id="half-label">
              {t('dash.half')}
            </Text>
            <SegmentedControl
              aria-labelledby="half-label"
              value={String(half)}
              onChange={(v) => setHalf(v === '2' ? 2 : 1)}
              data={[
                { value: '1', label: t('dash.halves.1', { year }) },
                { value: '2', label: t('dash.halves.2', { year }) },
              ]}
            />
          </Stack>
          <Button
            variant="default"
            onClick={() => {
              setError(null);
              void downloadFile(`/plan-periods/${period.data!.id}/progress-report.xlsx?year=${year}&half=${half}`, `tien-do-${period.data!.id}-${year}-${half}.xlsx`).catch(setError);
            }}
          >
            {t('dash.workbook')}
          </Button>
        </Group>
      </Group>
      {error !== null && <ErrorAlert error={error} />}
      <Tabs defaultValue="targets" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="targets">{t('dash.tabs.targets')}</Tabs.Tab>
          <Tabs.Tab value="floor">{t('dash.tabs.floor')}</Tabs.Tab>
          <Tabs.Tab value="execution">{t('dash.tabs.execution')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="targets" pt="md">
          {dashboard.isPending ? <Loading /> : dashboard.isError ? <ErrorAlert error={dashboard.error} /> : <TargetsTab dashboard={dashboard.data} />}
        </Tabs.Panel>
        <Tabs.Panel value="floor" pt="md">
          {floor.isPending ? <Loading /> : floor.isError ? <ErrorAlert error={floor.error} /> : <FloorTab floor={floor.data} />}
        </Tabs.Panel>
        <Tabs.Panel value="execution" pt="md">
          {dashboard.isPending ? <Loading /> : dashboard.isError ? <ErrorAlert error={dashboard.error} /> : <ExecutionTab dashboard={dashboard.data} />}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
