// A support round read-only: the pools (amount, proposed, unallocated; decided once decided) and each
// candidate with the allocator's proposal per pool and the rule that set it, and, once decided, the
// chair's level per pool with the reason where it differs. Shared by DOF's screen and the chair's.
import { Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatVnd } from '../../ui/money';
import { basisOf, type SupportCandidate, type SupportRound } from './round';

export function PoolsTable({ round }: { round: SupportRound }) {
  const { t } = useTranslation();
  const decided = round.status === 'DECIDED';
  return (
    <Table striped data-testid="support-pools" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('supportRound.pool')}</Table.Th>
          <Table.Th ta="right">{t('supportRound.poolAmount')}</Table.Th>
          <Table.Th ta="right">{t('supportRound.proposal')}</Table.Th>
          <Table.Th ta="right">{t('supportRound.unallocated')}</Table.Th>
          {decided && <Table.Th ta="right">{t('supportRound.decided')}</Table.Th>}
          {decided && <Table.Th ta="right">{t('supportRound.unawarded')}</Table.Th>}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {round.pools.map((p) => (
          <Table.Tr key={p.fundingSourceCode} data-pool={p.fundingSourceCode}>
            <Table.Th scope="row" fw={400}>
              {t(`sources.${p.fundingSourceCode}`, { defaultValue: p.fundingSourceCode })}
            </Table.Th>
            <Table.Td ta="right">{formatVnd(p.amount)}</Table.Td>
            <Table.Td ta="right" data-testid={`pool-proposed-${p.fundingSourceCode}`}>{formatVnd(p.proposed)}</Table.Td>
            <Table.Td ta="right">{formatVnd(p.unallocated)}</Table.Td>
            {decided && <Table.Td ta="right" data-testid={`pool-decided-${p.fundingSourceCode}`}>{formatVnd(p.decided)}</Table.Td>}
            {decided && <Table.Td ta="right">{formatVnd(p.unawarded)}</Table.Td>}
          </Table.Tr>
        ))}
        <Table.Tr>
          <Table.Th scope="row">{t('supportRound.total')}</Table.Th>
          <Table.Td ta="right" fw={700}>{formatVnd(round.totals.pools)}</Table.Td>
          <Table.Td ta="right" fw={700} data-testid="total-proposed">{formatVnd(round.totals.proposed)}</Table.Td>
          <Table.Td ta="right" fw={700}>{formatVnd(round.totals.unallocated)}</Table.Td>
          {decided && <Table.Td ta="right" fw={700} data-testid="total-decided">{formatVnd(round.totals.decided)}</Table.Td>}
          {decided && <Table.Td ta="right" fw={700}>{formatVnd(round.totals.unawarded)}</Table.Td>}
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

/**
 * The candidates: while open, the proposal per pool with the rule that set it; once decided, the
 * decided level per pool (the proposal beneath where it differs) and the reason.
 */
export function CandidatesTable({ round }: { round: SupportRound }) {
  const { t } = useTranslation();
  const decided = round.status === 'DECIDED';
  const poolName = (code: string) => t(`sources.${code}`, { defaultValue: code });
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">
        {t('supportRound.candidates')}
      </Title>
      <Table striped data-testid="support-candidates" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('prov.unit')}</Table.Th>
            <Table.Th ta="right">{t('supportRound.asked')}</Table.Th>
            {!decided && <Table.Th ta="right">{t('supportRound.minimum')}</Table.Th>}
            {round.pools.map((p) => (
              <Table.Th key={p.fundingSourceCode} ta="right">
                {t(decided ? 'supportRound.decidedOf' : 'supportRound.proposalOf', { pool: poolName(p.fundingSourceCode) })}
              </Table.Th>
            ))}
            <Table.Th ta="right">{t('supportRound.proposedTotal')}</Table.Th>
            {decided && <Table.Th ta="right">{t('supportRound.decidedTotal')}</Table.Th>}
            {decided && <Table.Th>{t('prov.budget.reason')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {round.candidates.map((c) => (
            <Table.Tr key={c.unitId} data-unit={c.unitCode}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <UnitWithTier candidate={c} />
              </Table.Td>
              <Table.Td ta="right">{formatVnd(c.asked)}</Table.Td>
              {!decided && <Table.Td ta="right">{formatVnd(c.minimum)}</Table.Td>}
              {round.pools.map((p) => {
                const code = p.fundingSourceCode;
                const proposed = c.proposed[code] ?? '0';
                if (decided) {
                  const level = c.decided?.[code] ?? proposed;
                  return (
                    <Table.Td key={code} ta="right" data-testid={`decided-${c.unitCode}-${code}`}>
                      {formatVnd(level)}
                      {level !== proposed && (
                        <Text size="xs" c="dimmed">
                          {t('supportRound.proposal')}: {formatVnd(proposed)}
                        </Text>
                      )}
                    </Table.Td>
                  );
                }
                const basis = basisOf(p, c.unitId);
                return (
                  <Table.Td key={code} ta="right" data-testid={`proposed-${c.unitCode}-${code}`}>
                    {formatVnd(proposed)}
                    {basis && (
                      <Text size="xs" c="dimmed">
                        {t(`prov.runs.basis.${basis}`, { defaultValue: '' })}
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
              <Table.Td ta="right">{formatVnd(c.proposedTotal)}</Table.Td>
              {decided && (
                <Table.Td ta="right" fw={700} data-testid={`decided-${c.unitCode}`}>
                  {formatVnd(c.decidedTotal)}
                </Table.Td>
              )}
              {decided && <Table.Td>{c.reason ?? '—'}</Table.Td>}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** A candidate's name with its hardship tier beneath. */
export function UnitWithTier({ candidate }: { candidate: SupportCandidate }) {
  const { t } = useTranslation();
  return (
    <>
      {candidate.unitName}
      <Text size="xs" c="dimmed">
        {t('supportRound.tier')} {candidate.hardshipTier}
      </Text>
    </>
  );
}
