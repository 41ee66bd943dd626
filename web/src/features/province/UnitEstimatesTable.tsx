// Every unit's estimate of the year (the year overview of DOF/DPI, the consolidated budget): unit
// with its late and excluded marks, status, requested and approved, then the screen's own column.
import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SlotTable, type TableColumn } from '../../ui/LineTable';
import { formatVnd } from '../../ui/money';
import { SoftBadge, StatusTag } from '../../ui/SoftBadge';
import type { BudgetEstimate } from './queries';

export function UnitEstimatesTable({
  estimates,
  testId,
  caption,
  linkUnit = false,
  markExcluded = false,
  last,
  highlightOnHover,
  adjusted = false,
}: {
  estimates: readonly BudgetEstimate[];
  testId: string;
  caption?: ReactNode;
  /** The unit's name opens its balancing screen. */
  linkUnit?: boolean;
  /** An "excluded" mark beside the unit (where no column says it). */
  markExcluded?: boolean;
  /** The screen's own last column. */
  last: TableColumn<BudgetEstimate>;
  highlightOnHover?: boolean;
  /** Once the budget is approved: "approved" is the decided figure, and the figure after adjustments follows it. */
  adjusted?: boolean;
}) {
  const { t } = useTranslation();
  const columns: TableColumn<BudgetEstimate>[] = [
    {
      key: 'unit',
      header: t('prov.unit'),
      render: (e) => (
        <>
          {linkUnit ? (
            <Anchor component={Link} to={`/balance/${e.estimateId}`}>
              {e.unitName}
            </Anchor>
          ) : (
            e.unitName
          )}
          {e.submittedLate && (
            <SoftBadge ml="xs" color="orange">
              {t('prov.late')}
            </SoftBadge>
          )}
          {markExcluded && e.excluded && (
            <SoftBadge ml="xs" color="gray">
              {t('prov.budget.excludedShort')}
            </SoftBadge>
          )}
        </>
      ),
    },
    // Wide enough that the longest status ("Đã phê duyệt") is never cut.
    { key: 'status', header: t('work.status'), miw: 150, render: (e) => <StatusTag status={e.status} /> },
    { key: 'requested', header: t('prov.requested'), align: 'right', render: (e) => formatVnd(e.requested) },
    { key: 'approved', header: adjusted ? t('prov.budget.decidedTotal') : t('prov.approved'), align: 'right', render: (e) => formatVnd(e.approved) },
    ...(adjusted
      ? [
          {
            key: 'adjusted',
            header: t('prov.budget.adjustedTotal'),
            align: 'right',
            render: (e) => (e.excluded || e.adjusted === null ? '—' : e.adjusted === e.approved ? formatVnd(e.adjusted) : <strong>{formatVnd(e.adjusted)}</strong>),
          } satisfies TableColumn<BudgetEstimate>,
        ]
      : []),
    last,
  ];
  return <SlotTable rows={estimates} rowKey={(e) => e.estimateId} columns={columns} testId={testId} caption={caption} highlightOnHover={highlightOnHover} />;
}
