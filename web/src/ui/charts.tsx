// Charts drawn with ECharts (only the parts used are imported, from echarts/core). A chart always
// sits beside a table of the same figures, to the đồng: the chart draws millions or tỷ đồng (a display
// scale only; money itself stays a digit string, see money.ts), the table is what an official reads.
import { Group, Paper, Table, Text, Title } from '@mantine/core';
import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { formatVnd } from './money';

echarts.use([BarChart, GaugeChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

/** The scale a money chart draws in: millions of đồng, or billions (tỷ) once the largest figure reaches 10 tỷ. */
export interface MoneyScale {
  /** đồng per plotted unit. */
  divisor: bigint;
  /** i18n key of the axis name: "triệu đồng" / "tỷ đồng". */
  unitKey: 'prov.millions' | 'prov.billions';
}

const MILLION = 1_000_000n;
const BILLION = 1_000_000_000n;

/** Millions of đồng, or tỷ đồng when the largest figure is 10 tỷ or more (so the axis reads 12,5 rather than 12.500). */
export function moneyScale(amounts: Iterable<string | null | undefined>): MoneyScale {
  let largest = 0n;
  for (const a of amounts) {
    if (a === null || a === undefined || a === '') continue;
    const v = BigInt(a);
    const magnitude = v < 0n ? -v : v;
    if (magnitude > largest) largest = magnitude;
  }
  return largest >= 10n * BILLION ? { divisor: BILLION, unitKey: 'prov.billions' } : { divisor: MILLION, unitKey: 'prov.millions' };
}

/**
 * An amount in the scale's units for drawing only, with a gap for a figure that does not exist:
 * `null` stays `null` (ECharts leaves the point out), never 0. This is the one place money becomes a
 * JS number, at the very edge: ECharts can only plot numbers. Three decimals of the unit are kept
 * (BigInt division first, so no float ever holds the đồng); the table beside every chart shows the
 * exact figure.
 */
export function plotAmount(amount: string | null | undefined, scale: MoneyScale): number | null {
  if (amount === null || amount === undefined || amount === '') return null;
  return Number((BigInt(amount) * 1000n) / scale.divisor) / 1000;
}

const axisNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });

/** A plotted number as Vietnamese officials write it: dots between thousands, a comma before decimals (`12.500`, `2,5`). */
export function formatAxis(value: number): string {
  return axisNumber.format(value);
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
  /** Funding source codes the floor counts (PROVINCIAL, DISTRICT, COMMUNE by default). */
  floorSources?: string[];
  districts: { unitId: string; unitName: string; ownItRequested: string; ownItApproved: string; hasOwnItLine: boolean; status: string | null }[];
}

/** Percent of the floor reached, one decimal, from digit strings (BigInt arithmetic). */
function percentOfFloor(itTotal: string, floor: string): number {
  const f = BigInt(floor);
  if (f === 0n) return 100;
  return Number((BigInt(itTotal) * 1000n) / f) / 10;
}

/**
 * The 1% floor as a gauge (IT total against the floor) with the figures and the districts' own IT
 * lines beside it. `sourceName` names a funding source code, to say which sources the floor counts
 * (its "requested" is theirs only, not every estimate's total).
 */
export function FloorGauge({ floor, showDistricts = true, sourceName = (code) => code }: { floor: FloorView; showDistricts?: boolean; sourceName?: (code: string) => string }) {
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
              <Table.Td ta="right" data-testid="floor-requested">
                {formatVnd(floor.requestedTotal)}
              </Table.Td>
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
          {floor.floorSources && floor.floorSources.length > 0 && (
            <Table.Caption data-testid="floor-sources" style={{ textAlign: 'left' }}>
              {t('prov.floor.sourcesNote', { sources: floor.floorSources.map(sourceName).join(', ') })}
            </Table.Caption>
          )}
        </Table>
      </Group>
      {showDistricts && (
        <Table mt="sm" striped captionSide="top">
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
                {/* A district without an estimate has no figure: "—", not 0. */}
                <Table.Td ta="right">{d.status === null ? '—' : formatVnd(d.ownItRequested)}</Table.Td>
                <Table.Td ta="right">{d.status === null ? '—' : formatVnd(d.ownItApproved)}</Table.Td>
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
