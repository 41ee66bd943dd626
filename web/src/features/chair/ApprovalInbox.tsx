// The chair's approval inbox: what awaits the chair's decision now (the year's consolidated budget once
// submitted, support rounds proposed), and apart from it what is coming or already decided, so the
// "nothing waiting" line never sits under an item that looks like it waits.
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { useBudget } from '../province/queries';
import { SoftBadge } from '../../ui/SoftBadge';
import { useSupportRounds } from '../support/round';

interface InboxRow {
  key: string;
  waiting: boolean;
  cells: ReactNode;
}

function InboxTable({ rows, testId }: { rows: InboxRow[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <Table striped data-testid={testId}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('prov.chair.item')}</Table.Th>
          <Table.Th>{t('work.status')}</Table.Th>
          <Table.Th>{t('prov.chair.deadline')}</Table.Th>
          <Table.Th ta="right">{t('prov.chair.warnings')}</Table.Th>
          <Table.Th ta="right">{t('supportRound.inboxAmount')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.key}>{row.cells}</Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function ApprovalInbox() {
  const { t } = useTranslation();
  const { years, year } = useSession();
  const budget = useBudget();
  const rounds = useSupportRounds();
  if (budget.isPending) return <Loading />;
  if (budget.error) return <ErrorAlert error={budget.error} onRetry={() => void budget.refetch()} />;
  const b = budget.data;
  const fy = years.find((y) => y.year === year);
  const budgetWaiting = b.status === 'SUBMITTED';
  // Before approval the budget's figure is what is asked for; once approved, what was approved.
  const budgetAmount = b.status === 'APPROVED' ? b.totals.approved : b.totals.requested;
  const budgetStatus = b.status === 'DRAFT' || b.status === 'RETURNED' ? t('prov.chair.notSubmittedYet') : t(`prov.budgetStatus.${b.status}`);
  const rows: InboxRow[] = [
    {
      key: 'budget',
      waiting: budgetWaiting,
      cells: (
        <>
          <Table.Td>{t('prov.chair.budgetOf', { year })}</Table.Td>
          <Table.Td>
            <SoftBadge color={budgetWaiting ? 'violet' : b.status === 'APPROVED' ? 'green' : 'gray'} data-testid="budget-status">
              {budgetStatus}
            </SoftBadge>
          </Table.Td>
          <Table.Td>{formatDate(fy?.committeeDeadline)}</Table.Td>
          <Table.Td ta="right">{b.warnings.length}</Table.Td>
          <Table.Td ta="right" data-testid="budget-amount">
            {formatVnd(budgetAmount)}
          </Table.Td>
          <Table.Td>
            <Anchor component={Link} to="/budget">
              {budgetWaiting ? t('prov.chair.reviewAndDecide') : t('prov.chair.view')}
            </Anchor>
          </Table.Td>
        </>
      ),
    },
    // The support round has no calendar of its own: the chair decides it by the year's committee deadline.
    ...(rounds.data?.items ?? []).map((r) => ({
      key: r.id,
      waiting: r.status === 'OPEN',
      cells: (
        <>
          <Table.Td>{t('supportRound.inboxItem', { year, count: r.candidates.length })}</Table.Td>
          <Table.Td>
            <SoftBadge color={r.status === 'DECIDED' ? 'green' : 'violet'} data-testid="support-status">
              {t(`supportRound.status.${r.status}`)}
            </SoftBadge>
          </Table.Td>
          <Table.Td>{formatDate(fy?.committeeDeadline)}</Table.Td>
          <Table.Td ta="right">—</Table.Td>
          <Table.Td ta="right">{formatVnd(r.status === 'DECIDED' ? r.totals.decided : r.totals.proposed)}</Table.Td>
          <Table.Td>
            <Anchor component={Link} to="/support">
              {r.status === 'OPEN' ? t('prov.chair.reviewAndDecide') : t('prov.chair.view')}
            </Anchor>
          </Table.Td>
        </>
      ),
    })),
  ];
  const waiting = rows.filter((row) => row.waiting);
  const other = rows.filter((row) => !row.waiting);
  return (
    <Stack>
      <Title order={2}>{t('prov.chair.inboxTitle')}</Title>
      {waiting.length > 0 ? <InboxTable rows={waiting} testId="inbox" /> : <Text c="dimmed">{t('prov.chair.nothingWaiting')}</Text>}
      {other.length > 0 && (
        <>
          <Title order={3} size="h4">
            {t('prov.chair.otherTitle')}
          </Title>
          <InboxTable rows={other} testId="inbox-other" />
        </>
      )}
    </Stack>
  );
}
