// One table for the province's line-by-line screens (DIC's review, DOF/DPI's balancing) and their
// per-unit lists (the year overview, the consolidated budget): the fixed parts are written once,
// each screen fills the columns it needs (slots) and, where it totals, the footer.
import { Paper, SimpleGrid, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface TableColumn<R> {
  key: string;
  header: ReactNode;
  render: (row: R) => ReactNode;
  align?: 'right';
  /** Cell width limits (e.g. a description column that wraps, an input that needs room). */
  maw?: number;
  miw?: number;
  /** The column's total, in the footer; columns before the first total share the footer's label. */
  footer?: ReactNode;
  footerTestId?: string;
  /** `data-testid` of each body cell, for tests that compare a figure with the API's. */
  cellTestId?: (row: R) => string;
}

export interface SlotTableProps<R> {
  rows: readonly R[];
  rowKey: (row: R) => string;
  columns: readonly TableColumn<R>[];
  testId: string;
  caption?: ReactNode;
  /** Label of the footer row (shown when a column has a `footer`). */
  footerLabel?: ReactNode;
  verticalSpacing?: 'xs' | 'sm';
  highlightOnHover?: boolean;
  fz?: 'sm';
}

/** A striped table with column slots and an optional totals row. */
export function SlotTable<R>({ rows, rowKey, columns, testId, caption, footerLabel, verticalSpacing, highlightOnHover, fz }: SlotTableProps<R>) {
  const firstTotal = columns.findIndex((c) => c.footer !== undefined);
  return (
    <Table striped highlightOnHover={highlightOnHover} verticalSpacing={verticalSpacing} fz={fz} data-testid={testId}>
      {caption && <Table.Caption>{caption}</Table.Caption>}
      <Table.Thead>
        <Table.Tr>
          {columns.map((c) => (
            <Table.Th key={c.key} ta={c.align}>
              {c.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={rowKey(row)}>
            {columns.map((c) => (
              <Table.Td key={c.key} ta={c.align} maw={c.maw} miw={c.miw} data-testid={c.cellTestId?.(row)} style={c.align === 'right' ? { whiteSpace: 'nowrap' } : undefined}>
                {c.render(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
      {firstTotal > 0 && (
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={firstTotal}>{footerLabel}</Table.Th>
            {columns.slice(firstTotal).map((c) => (
              <Table.Th key={c.key} ta={c.align} data-testid={c.footerTestId}>
                {c.footer}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      )}
    </Table>
  );
}

/** The fields every estimate line shows in these tables. */
export interface TableLine {
  id: string;
  lineNo: number;
  description: string;
}

/**
 * An estimate's lines: number, description with a line of details under it (plan area, source …),
 * then the screen's own columns.
 */
export function LineTable<L extends TableLine>({
  lines,
  details,
  columns,
  ...rest
}: { lines: readonly L[]; details: (line: L) => ReactNode; columns: readonly TableColumn<L>[] } & Omit<SlotTableProps<L>, 'rows' | 'rowKey' | 'columns'>) {
  const { t } = useTranslation();
  const fixed: TableColumn<L>[] = [
    { key: 'no', header: t('line.no'), render: (l) => l.lineNo },
    {
      key: 'description',
      header: t('line.description'),
      maw: 340,
      render: (l) => (
        <>
          <Text size="sm">{l.description}</Text>
          <Text size="xs" c="dimmed">
            {details(l)}
          </Text>
        </>
      ),
    },
  ];
  return <SlotTable rows={lines} rowKey={(l) => l.id} columns={[...fixed, ...columns]} {...rest} />;
}

export interface SummaryFigure {
  label: ReactNode;
  value: ReactNode;
  testId?: string;
  /** A small line under the figure (what it counts, what moved it). */
  note?: ReactNode;
  /** Tinted, for a figure that differs from what it is read against (an adjusted total). */
  highlight?: boolean;
}

/** A row of headline figures (totals, counts) above a screen's tables. */
export function SummaryBlock({ figures }: { figures: readonly SummaryFigure[] }) {
  return (
    <SimpleGrid cols={{ base: 1, md: figures.length }}>
      {figures.map((f, i) => (
        <Paper withBorder p="sm" key={i} bg={f.highlight ? 'yellow.0' : undefined}>
          <Text size="sm" c="dimmed">
            {f.label}
          </Text>
          <Text fw={700} data-testid={f.testId}>
            {f.value}
          </Text>
          {f.note && (
            <Text size="xs" c="dimmed">
              {f.note}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
