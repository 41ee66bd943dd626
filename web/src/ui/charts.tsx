// Charts drawn with ECharts (only the parts used are imported, from echarts/core). A chart always
// sits beside a table of the same figures, to the đồng: the chart draws millions of đồng (a display
// scale only; money itself stays a digit string, see money.ts), the table is what an official reads.
import { Grid, Group, Paper, Table, Text, Title } from '@mantine/core';
import { BarChart, GaugeChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from './money';

echarts.use([BarChart, GaugeChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** Millions of đồng as a plotting value (display only): `"1250000000"` → 1250. */
export function millions(amount: string | null | undefined): number {
  if (!amount) return 0;
  return Number(BigInt(amount) / 1_000_000n);
}

/** One ECharts instance in a box; `label` names it for screen readers (the table beside it has the figures). */
export function EChart({ option, label, height = 260 }: { option: echarts.EChartsCoreOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.setOption(option);
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [option]);
  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />;
}

export interface FloorView {
  floorAmount: string;
  itTotal: string;
  requestedTotal: string;
  compliant: boolean;
  shortfall: string;
  totalLocalExpenditure: string;
  floorRatio: string;
  districts: { unitId: string; unitName: string; ownItRequested: string; ownItApproved: string; hasOwnItLine: boolean; status: string | null }[];
}

/** Percent of the floor reached, one decimal, from digit strings (BigInt arithmetic). */
function percentOfFloor(itTotal: string, floor: string): number {
  const f = BigInt(floor);
  if (f === 0n) return 100;
  return Number((BigInt(itTotal) * 1000n) / f) / 10;
}

/** The 1% floor as a gauge (IT total against the floor) with the figures and the districts' own IT lines beside it. */
export function FloorGauge({ floor, showDistricts = true }: { floor: FloorView; showDistricts?: boolean }) {
  const { t } = useTranslation();
  const percent = percentOfFloor(floor.itTotal, floor.floorAmount);
  const option = {
    series: [
      {
        type: 'gauge',
        min: 0,
        max: 150,
        axisLine: { lineStyle: { width: 14, color: [[100 / 150, '#c92a2a'], [1, '#2b8a3e']] } },
        pointer: { width: 5 },
        splitNumber: 3,
        axisTick: { show: false },
        splitLine: { length: 10 },
        axisLabel: { distance: 20, formatter: '{value}%', fontSize: 11 },
        title: { show: false },
        detail: { formatter: `${percent}%`, fontSize: 20, offsetCenter: [0, '75%'] },
        data: [{ value: Math.min(percent, 150), name: t('prov.floor.ofFloor') }],
        animation: false,
      },
    ],
  };
  return (
    <Paper withBorder p="md" data-testid="floor-gauge">
      <Title order={3} size="h4">
        {t('prov.floor.title')}
      </Title>
      <Group align="flex-start" grow wrap="wrap">
        <EChart option={option} label={t('prov.floor.chartLabel', { percent })} height={230} />
        <Table withRowBorders={false} verticalSpacing={4}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th scope="row">{t('prov.floor.local')}</Table.Th>
              <Table.Td ta="right">{formatVnd(floor.totalLocalExpenditure)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('prov.floor.amount', { ratio: (Number(floor.floorRatio) * 100).toString() })}</Table.Th>
              <Table.Td ta="right" data-testid="floor-amount">
                {formatVnd(floor.floorAmount)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('prov.floor.it')}</Table.Th>
              <Table.Td ta="right" data-testid="floor-it">
                {formatVnd(floor.itTotal)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('prov.floor.requested')}</Table.Th>
              <Table.Td ta="right">{formatVnd(floor.requestedTotal)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('prov.floor.shortfall')}</Table.Th>
              <Table.Td ta="right" data-testid="floor-shortfall">
                {formatVnd(floor.shortfall)}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th scope="row">{t('prov.floor.state')}</Table.Th>
              <Table.Td ta="right" data-testid="floor-state">
                <Text span fw={700} c={floor.compliant ? 'teal.9' : 'red.9'}>
                  {floor.compliant ? t('prov.floor.compliant') : t('prov.floor.short')}
                </Text>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Group>
      {showDistricts && (
        <Table mt="sm" striped>
          <Table.Caption>{t('prov.floor.districts')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prov.unit')}</Table.Th>
              <Table.Th ta="right">{t('prov.floor.ownRequested')}</Table.Th>
              <Table.Th ta="right">{t('prov.floor.ownApproved')}</Table.Th>
              <Table.Th>{t('prov.floor.ownLine')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {floor.districts.map((d) => (
              <Table.Tr key={d.unitId}>
                <Table.Td>{d.unitName}</Table.Td>
                <Table.Td ta="right">{formatVnd(d.ownItRequested)}</Table.Td>
                <Table.Td ta="right">{formatVnd(d.ownItApproved)}</Table.Td>
                <Table.Td>
                  <Text span c={d.hasOwnItLine ? undefined : 'red.9'} size="sm">
                    {d.status === null ? t('prov.floor.noEstimate') : d.hasOwnItLine ? t('common.yes') : t('prov.floor.noOwnLine')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}

export interface PairRow {
  key: string;
  label: string;
  /** Shorter label on the chart's axis (the table shows `label`). */
  short?: string;
  requested: string;
  approved: string;
}

/** Requested against approved, as bars, with the same figures in a table beside the chart. */
export function RequestedApprovedChart({ title, rows, testId }: { title: string; rows: PairRow[]; testId: string }) {
  const { t } = useTranslation();
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { data: [t('prov.requested'), t('prov.approved')] },
    grid: { left: 60, right: 10, bottom: 60, top: 30 },
    xAxis: { type: 'category', data: rows.map((r) => r.short ?? r.label), axisLabel: { interval: 0, rotate: 30, fontSize: 10 } },
    yAxis: { type: 'value', name: t('prov.millions') },
    series: [
      { name: t('prov.requested'), type: 'bar', data: rows.map((r) => millions(r.requested)), itemStyle: { color: '#868e96' }, animation: false },
      { name: t('prov.approved'), type: 'bar', data: rows.map((r) => millions(r.approved)), itemStyle: { color: '#1971c2' }, animation: false },
    ],
  };
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={3} size="h4">
        {title}
      </Title>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <EChart option={option} label={title} height={300} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
        <Table striped verticalSpacing={2} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th />
              <Table.Th ta="right">{t('prov.requested')}</Table.Th>
              <Table.Th ta="right">{t('prov.approved')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Th scope="row" fw={400}>
                  {r.label}
                </Table.Th>
                <Table.Td ta="right">{formatVnd(r.requested)}</Table.Td>
                <Table.Td ta="right">{formatVnd(r.approved)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}
