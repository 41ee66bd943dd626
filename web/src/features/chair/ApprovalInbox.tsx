// The chair's approval inbox: the year's consolidated budget and the support rounds waiting for a
// decision, with the deadline and the number of warnings.
import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
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

export default function ApprovalInbox() {
  const { t } = useTranslation();
  const { years, year } = useSession();
  const budget = useBudget();
  const rounds = useSupportRounds();
  if (budget.isPending) return <Loading />;
  if (budget.error) return <ErrorAlert error={budget.error} onRetry={() => void budget.refetch()} />;
  const b = budget.data;
  const fy = years.find((y) => y.year === year);
  // The support round has no calendar of its own: the chair decides it by the year's committee deadline.
  const supportRounds = rounds.data?.items ?? [];
  const openRounds = supportRounds.filter((r) => r.status === 'OPEN');
  return (
    <Stack>
      <Title order={2}>{t('prov.chair.inboxTitle')}</Title>
      <Table striped data-testid="inbox">
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
          <Table.Tr>
            <Table.Td>{t('prov.chair.budgetOf', { year })}</Table.Td>
            <Table.Td>
              <SoftBadge color={b.status === 'SUBMITTED' ? 'violet' : b.status === 'APPROVED' ? 'green' : 'gray'} data-testid="budget-status">
                {t(`prov.budgetStatus.${b.status}`)}
              </SoftBadge>
            </Table.Td>
            <Table.Td>{formatDate(fy?.committeeDeadline)}</Table.Td>
            <Table.Td ta="right">{b.warnings.length}</Table.Td>
            <Table.Td ta="right">{formatVnd(b.totals.approved)}</Table.Td>
            <Table.Td>
              <Anchor component={Link} to="/budget">
                {b.status === 'SUBMITTED' ? t('prov.chair.reviewAndDecide') : t('prov.chair.view')}
              </Anchor>
            </Table.Td>
          </Table.Tr>
          {supportRounds.map((r) => (
            <Table.Tr key={r.id}>
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
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {b.status !== 'SUBMITTED' && openRounds.length === 0 && <Text c="dimmed">{t('prov.chair.nothingWaiting')}</Text>}
    </Stack>
  );
}
