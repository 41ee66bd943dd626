// A chart with its table beside it: the chart draws (money in millions or tỷ đồng, a display scale
// only), the table is what an official reads and what screen readers get — every figure exact, as
// text. A figure that does not exist (a period without data) is a gap in the chart and "—" in the
// table, never a 0.
import { Grid, Paper, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart, formatAxis, type MoneyScale, moneyScale, plotAmount } from './charts';
import { formatDecimal } from './format';
import { formatVnd } from './money';

export interface FigureColumn {
  key: string;
  label: string;
  /** money: đồng as digit strings; percent: a decimal string shown with %; value: a decimal string; text: words (never drawn). */
  kind: 'money' | 'percent' | 'value' | 'text';
  /** How the chart draws the column; none: the table only. */
  draw?: 'bar' | 'line';
  color?: string;
  /** A dashed line (a target or a floor: a reference, not a measurement). */
  dashed?: boolean;
}

export interface FigureRow {
  key: string;
  /** Row header in the table. */
  label: string;
  /** Shorter label on the chart's axis. */
  short?: string;
  /** Figures by column key; null where there is no figure. */
  values: Record<string, string | null>;
  /** Extra words in the row header's cell (e.g. why a figure is missing). */
  note?: ReactNode;
}

/** How a figure reads in the table: "—" where there is none. */
export function showFigure(kind: FigureColumn['kind'], value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (kind === 'text') return value;
  if (kind === 'money') return formatVnd(value);
  if (kind === 'percent') return `${formatDecimal(value)} %`;
  return formatDecimal(value);
}

/**
 * The point the chart draws for a figure: money in the chart's scale (millions or tỷ đồng), the number
 * otherwise; null is a gap. Plotted values are numbers only because ECharts draws numbers (see plotAmount).
 */
function plotted(kind: FigureColumn['kind'], value: string | null | undefined, scale: MoneyScale): number | null {
  if (value === null || value === undefined || kind === 'text') return null;
  return kind === 'money' ? plotAmount(value, scale) : Number(value);
}

export interface FiguresChartProps {
  title: string;
  columns: FigureColumn[];
  rows: FigureRow[];
  /** `data-testid` of the block; cells are `${testId}-${row.key}-${column.key}`. */
  testId: string;
  /** Header of the table's first column. */
  rowHeader: string;
  /** The y axis's name (defaults to the money scale: triệu đồng, or tỷ đồng for large figures). */
  axisName?: string;
  /** What the chart shows, for screen readers (defaults to the title). */
  chartLabel?: string;
  /** Words under the title (what counts, what is missing). */
  description?: ReactNode;
  height?: number;
}

export function FiguresChart({ title, columns, rows, testId, rowHeader, axisName, chartLabel, description, height = 300 }: FiguresChartProps) {
  const { t } = useTranslation();
  const drawn = columns.filter((c) => c.draw);
  const scale = moneyScale(rows.flatMap((r) => drawn.filter((c) => c.kind === 'money').map((c) => r.values[c.key])));
  const unit = axisName ?? t(scale.unitKey);
  const option = {
    // Vietnamese grouping on the axis and in the tooltip (12.500; 2,5), with the unit drawn in.
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => (typeof value === 'number' ? `${formatAxis(value)} ${unit}` : '—') },
    legend: { data: drawn.map((c) => c.label), top: 0 },
    grid: { left: 64, right: 16, bottom: 64, top: 40 },
    xAxis: { type: 'category', data: rows.map((r) => r.short ?? r.label), axisLabel: { interval: 0, rotate: rows.length > 6 ? 30 : 0, fontSize: 10 } },
    yAxis: { type: 'value', name: unit, axisLabel: { formatter: (value: number) => formatAxis(value) } },
    series: drawn.map((c) => ({
      name: c.label,
      type: c.draw,
      data: rows.map((r) => plotted(c.kind, r.values[c.key], scale)),
      itemStyle: c.color ? { color: c.color } : undefined,
      lineStyle: { ...(c.color ? { color: c.color } : {}), ...(c.dashed ? { type: 'dashed' } : {}) },
      // A gap where there is no figure: the line is not carried across a period without data.
      connectNulls: false,
      showSymbol: true,
      symbolSize: 8,
      animation: false,
    })),
  };
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={3} size="h4">
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="xs">
          {description}
        </Text>
      )}
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <EChart option={option} label={chartLabel ?? title} height={height} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Table striped verticalSpacing={2} fz="sm" data-testid={`${testId}-table`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{rowHeader}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c.key} ta="right">
                    {c.label}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.key}>
                  <Table.Th scope="row" fw={400}>
                    {r.label}
                    {r.note && (
                      <Text span size="xs" c="dimmed" display="block">
                        {r.note}
                      </Text>
                    )}
                  </Table.Th>
                  {columns.map((c) => (
                    <Table.Td key={c.key} ta="right" data-testid={`${testId}-${r.key}-${c.key}`} style={{ whiteSpace: 'nowrap' }}>
                      {showFigure(c.kind, r.values[c.key])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Grid.Col>
      </Grid>
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
export function RequestedApprovedChart({ title, rows, testId, rowHeader = '' }: { title: string; rows: PairRow[]; testId: string; rowHeader?: string }) {
  const { t } = useTranslation();
  return (
    <FiguresChart
      title={title}
      testId={testId}
      rowHeader={rowHeader}
      columns={[
        { key: 'requested', label: t('prov.requested'), kind: 'money', draw: 'bar', color: '#868e96' },
        { key: 'approved', label: t('prov.approved'), kind: 'money', draw: 'bar', color: '#1971c2' },
      ]}
      rows={rows.map((r) => ({ key: r.key, label: r.label, short: r.short, values: { requested: r.requested, approved: r.approved } }))}
    />
  );
}
