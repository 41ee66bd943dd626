// The chair's support decision: every candidate with the allocator's proposal per pool, the level
// per pool to decide (the proposal filled in), a reason wherever a level differs from the proposal,
// live pool totals (BigInt), the decision number and date (Vietnam's calendar, dd/mm/yyyy), and a
// confirmation restating the figures before the round is locked. Once decided: the round read-only.
import { Alert, Button, Group, Modal, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { decisionDateRange, defaultDecisionDate, formatDate, isDecisionDateOfYear, parseVnDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { MoneyInput } from '../../ui/MoneyInput';
import { formatVnd } from '../../ui/money';
import { SoftBadge } from '../../ui/SoftBadge';
import { yearKeys } from '../province/queries';
import { candidateTotal, differsFromProposal, poolTotals, proposalLevels, useSupportRounds, type Levels, type PoolCode, type SupportRound } from '../support/round';
import { CandidatesTable, PoolsTable, UnitWithTier } from '../support/RoundView';
import { DecisionFields } from './DecisionFields';

export default function SupportDecision() {
  const { t } = useTranslation();
  const { year } = useSession();
  const rounds = useSupportRounds();
  if (rounds.isPending) return <Loading />;
  if (rounds.error) return <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} />;
  const round = rounds.data.items[0] ?? null;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('supportRound.decideTitle', { year })}</Title>
        {round && (
          <SoftBadge size="lg" color={round.status === 'DECIDED' ? 'green' : 'violet'} data-testid="round-status">
            {t(`supportRound.status.${round.status}`)}
          </SoftBadge>
        )}
      </Group>
      {!round && <Text>{t('supportRound.noneChair')}</Text>}
      {round?.status === 'DECIDED' && (
        <>
          <Alert color="green" title={t('supportRound.done')} data-testid="support-decision" styles={{ title: { color: 'var(--mantine-color-black)' } }}>
            {t('supportRound.decision', { number: round.decisionNumber, date: formatDate(round.decisionDate) })}
          </Alert>
          <Paper withBorder p="md">
            <PoolsTable round={round} />
          </Paper>
          <CandidatesTable round={round} />
        </>
      )}
      {/* Keyed by version: a round changed by DOF meanwhile starts again from its new proposal. */}
      {round?.status === 'OPEN' && <DecisionForm key={round.version} round={round} />}
    </Stack>
  );
}

function DecisionForm({ round }: { round: SupportRound }) {
  const { t } = useTranslation();
  const { year } = useSession();
  const queryClient = useQueryClient();
  const [levels, setLevels] = useState<Levels>(() => proposalLevels(round));
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [decisionNumber, setDecisionNumber] = useState('');
  // Today when it is a date the year's decision may carry, else empty with the range as the hint.
  const [decisionDate, setDecisionDate] = useState(() => defaultDecisionDate(year));
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const pools = round.pools;
  const totals = poolTotals(round, levels);
  const changed = round.candidates.filter((c) => differsFromProposal(c, levels, pools));
  const blank = (unitId: string, code: string) => (levels[unitId]?.[code as PoolCode] ?? '') === '';
  const problems = {
    decisionNumber: !decisionNumber.trim() ? t('prov.chair.numberRequired') : null,
    decisionDate: !parseVnDate(decisionDate)
      ? t('prov.chair.dateInvalid')
      : year !== null && !isDecisionDateOfYear(decisionDate, year)
        ? t('prov.chair.dateOutOfYear', { year, from: formatDate(decisionDateRange(year).from), to: formatDate(decisionDateRange(year).to) })
        : null,
    blanks: round.candidates.some((c) => pools.some((p) => blank(c.unitId, p.fundingSourceCode))),
    reasons: changed.filter((c) => !reasons[c.unitId]?.trim()).map((c) => c.unitId),
    over: totals.some((p) => p.remaining < 0n),
  };
  const valid = !problems.decisionNumber && !problems.decisionDate && !problems.blanks && problems.reasons.length === 0 && !problems.over;
  const setLevel = (unitId: string, code: string, value: string) => setLevels((l) => ({ ...l, [unitId]: { ...l[unitId], [code]: value } }));
  const poolName = (code: string) => t(`sources.${code}`, { defaultValue: code });

  const decide = async () => {
    setBusy(true);
    setError(null);
    try {
      await ok(
        api.POST('/fiscal-years/{year}/support-rounds/{id}/decide', {
          params: { path: { year: year!, id: round.id } },
          body: {
            decisionNumber: decisionNumber.trim(),
            decisionDate: parseVnDate(decisionDate)!,
            version: round.version,
            decisions: changed.map((c) => ({
              unitId: c.unitId,
              amounts: Object.fromEntries(pools.map((p) => [p.fundingSourceCode, levels[c.unitId][p.fundingSourceCode as PoolCode]!])),
              reason: reasons[c.unitId].trim(),
            })),
          },
        }),
      );
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: yearKeys(year) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Text size="sm">{t('supportRound.decideHelp')}</Text>
      <Paper withBorder p="md">
        <Table data-testid="decision-table" fz="sm" verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prov.unit')}</Table.Th>
              <Table.Th ta="right">{t('supportRound.asked')}</Table.Th>
              {pools.map((p) => (
                <Table.Th key={p.fundingSourceCode}>{poolName(p.fundingSourceCode)}</Table.Th>
              ))}
              <Table.Th ta="right">{t('supportRound.decidedTotal')}</Table.Th>
              <Table.Th>{t('supportRound.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {round.candidates.map((c) => {
              const differs = changed.includes(c);
              const missingReason = tried && problems.reasons.includes(c.unitId);
              return (
                <Table.Tr key={c.unitId} data-unit={c.unitCode} bg={differs ? 'yellow.0' : undefined}>
                  <Table.Td>
                    <UnitWithTier candidate={c} />
                  </Table.Td>
                  <Table.Td ta="right">{formatVnd(c.asked)}</Table.Td>
                  {pools.map((p) => {
                    const code = p.fundingSourceCode;
                    return (
                      <Table.Td key={code}>
                        <MoneyInput
                          aria-label={t('supportRound.levelFor', { pool: poolName(code), unit: c.unitName })}
                          value={levels[c.unitId]?.[code as PoolCode] ?? ''}
                          onChange={(v) => setLevel(c.unitId, code, v)}
                          error={tried && blank(c.unitId, code) ? t('supportRound.levelRequired') : undefined}
                          w={180}
                          size="xs"
                        />
                        <Text size="xs" c="dimmed" data-testid={`proposal-${c.unitCode}-${code}`}>
                          {t('supportRound.proposal')}: {formatVnd(c.proposed[code] ?? '0')}
                        </Text>
                      </Table.Td>
                    );
                  })}
                  <Table.Td ta="right" fw={600} data-testid={`level-total-${c.unitCode}`}>
                    {formatVnd(candidateTotal(c.unitId, levels, pools))}
                  </Table.Td>
                  <Table.Td>
                    {differs || reasons[c.unitId] ? (
                      <TextInput
                        aria-label={t('supportRound.reasonFor', { unit: c.unitName })}
                        value={reasons[c.unitId] ?? ''}
                        onChange={(ev) => {
                          const value = ev.currentTarget.value;
                          setReasons((r) => ({ ...r, [c.unitId]: value }));
                        }}
                        description={differs ? t('supportRound.reasonNeeded') : undefined}
                        error={missingReason ? t('supportRound.reasonRequired') : undefined}
                        size="xs"
                        miw={220}
                      />
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t('supportRound.asProposed')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot>
            <PoolRow
              label={t('supportRound.decidedTotal')}
              testId="live-decided"
              cells={totals.map((p) => ({ code: p.code, value: formatVnd(p.decided) }))}
              total={formatVnd(totals.reduce((sum, p) => sum + p.decided, 0n))}
            />
            <PoolRow label={t('supportRound.poolAmount')} testId="live-pool" cells={totals.map((p) => ({ code: p.code, value: formatVnd(p.amount) }))} />
            <PoolRow
              label={t('supportRound.remaining')}
              testId="live-remaining"
              cells={totals.map((p) => ({
                code: p.code,
                value: p.remaining < 0n ? t('supportRound.over', { amount: formatVnd(-p.remaining) }) : formatVnd(p.remaining),
                bad: p.remaining < 0n,
              }))}
            />
          </Table.Tfoot>
        </Table>
      </Paper>

      <Paper withBorder p="md" data-testid="support-decision-form">
        <Title order={3} size="h4" mb="xs">
          {t('prov.chair.decisionTitle')}
        </Title>
        <DecisionFields
          number={decisionNumber}
          date={decisionDate}
          onNumber={setDecisionNumber}
          onDate={setDecisionDate}
          year={year}
          errors={tried ? { number: problems.decisionNumber, date: problems.decisionDate } : {}}
          placeholder="2346/QĐ-UBND"
        />
        {tried && problems.over && (
          <Alert color="red" role="alert" mt="sm" title={t('supportRound.poolExceeded')}>
            {null}
          </Alert>
        )}
        <Button
          mt="md"
          onClick={() => {
            setTried(true);
            setError(null);
            if (valid) setConfirming(true);
          }}
        >
          {t('supportRound.decide')}
        </Button>
      </Paper>

      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        transitionProps={{ duration: 0 }}
        title={t('supportRound.confirmTitle')}
        size="xl"
      >
        <Stack>
          <Text size="sm">{t('supportRound.confirmIntro')}</Text>
          <Table data-testid="support-confirm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('supportRound.pool')}</Table.Th>
                <Table.Th ta="right">{t('supportRound.poolAmount')}</Table.Th>
                <Table.Th ta="right">{t('supportRound.proposal')}</Table.Th>
                <Table.Th ta="right">{t('supportRound.decided')}</Table.Th>
                <Table.Th ta="right">{t('supportRound.remaining')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {totals.map((p) => (
                <Table.Tr key={p.code}>
                  <Table.Th scope="row" fw={400}>
                    {poolName(p.code)}
                  </Table.Th>
                  <Table.Td ta="right">{formatVnd(p.amount)}</Table.Td>
                  <Table.Td ta="right">{formatVnd(p.proposed)}</Table.Td>
                  <Table.Td ta="right" data-testid={`confirm-decided-${p.code}`}>{formatVnd(p.decided)}</Table.Td>
                  <Table.Td ta="right">{formatVnd(p.remaining)}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('supportRound.total')}</Table.Th>
                <Table.Td ta="right" fw={700}>{formatVnd(totals.reduce((s, p) => s + p.amount, 0n))}</Table.Td>
                <Table.Td ta="right" fw={700}>{formatVnd(totals.reduce((s, p) => s + p.proposed, 0n))}</Table.Td>
                <Table.Td ta="right" fw={700} data-testid="confirm-decided-total">{formatVnd(totals.reduce((s, p) => s + p.decided, 0n))}</Table.Td>
                <Table.Td ta="right" fw={700}>{formatVnd(totals.reduce((s, p) => s + p.remaining, 0n))}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text fw={600} size="sm">
            {t('supportRound.changedUnits')}
          </Text>
          {changed.length === 0 ? (
            <Text size="sm">{t('supportRound.noChanges')}</Text>
          ) : (
            <Table data-testid="confirm-changes" fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('prov.unit')}</Table.Th>
                  <Table.Th ta="right">{t('supportRound.proposal')}</Table.Th>
                  <Table.Th ta="right">{t('supportRound.decided')}</Table.Th>
                  <Table.Th>{t('prov.budget.reason')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changed.map((c) => (
                  <Table.Tr key={c.unitId}>
                    <Table.Td>{c.unitName}</Table.Td>
                    <Table.Td ta="right">{formatVnd(c.proposedTotal)}</Table.Td>
                    <Table.Td ta="right">{formatVnd(candidateTotal(c.unitId, levels, pools))}</Table.Td>
                    <Table.Td>{reasons[c.unitId]}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Text size="sm" data-testid="confirm-decision-ref">
            {t('prov.chair.decisionNumber')}: <b>{decisionNumber.trim()}</b> — {t('prov.chair.decisionDate')}: <b>{decisionDate.trim()}</b>
          </Text>
          {error !== null && <ErrorAlert error={error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={busy} onClick={() => void decide()}>
              {t('supportRound.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** A footer row of the decision table: one figure under each pool's column. */
function PoolRow({ label, cells, testId, total }: { label: string; cells: { code: string; value: string; bad?: boolean }[]; testId: string; total?: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" colSpan={2}>
        {label}
      </Table.Th>
      {cells.map((c) => (
        <Table.Td key={c.code} fw={700} c={c.bad ? 'red.9' : undefined} data-testid={`${testId}-${c.code}`}>
          {c.value}
        </Table.Td>
      ))}
      <Table.Td ta="right" fw={700} data-testid={total ? `${testId}-total` : undefined}>
        {total}
      </Table.Td>
      <Table.Td />
    </Table.Tr>
  );
}
