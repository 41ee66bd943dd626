// DOF's (and DPI's, read-only) support round of the year: open it with pools and candidates, see the
// allocator's proposal per pool with the rule behind each figure, change the candidates while the
// chair has not decided, and, once decided, the chair's levels beside the proposal.
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe, useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { SoftBadge } from '../../ui/SoftBadge';
import { yearKeys } from '../province/queries';
import { CandidatesForm } from './CandidatesForm';
import { useSupportRounds } from './round';
import { CandidatesTable, PoolsTable } from './RoundView';

export default function SupportRoundPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { year } = useSession();
  const queryClient = useQueryClient();
  const rounds = useSupportRounds();
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  if (rounds.isPending) return <Loading />;
  if (rounds.error) return <ErrorAlert error={rounds.error} onRetry={() => void rounds.refetch()} />;
  const round = rounds.data.items[0] ?? null;
  const canPrepare = me.role === 'DOF_OFFICER';
  const saved = (message: string) => async () => {
    await queryClient.invalidateQueries({ queryKey: yearKeys(year) });
    setEditing(false);
    setNotice(message);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('supportRound.title', { year })}</Title>
        {round && (
          <SoftBadge size="lg" color={round.status === 'DECIDED' ? 'green' : 'violet'} data-testid="round-status">
            {t(`supportRound.status.${round.status}`)}
          </SoftBadge>
        )}
      </Group>
      {notice && (
        <Alert color="green" role="status">
          {notice}
        </Alert>
      )}
      {!round && !canPrepare && <Text>{t('supportRound.none')}</Text>}
      {!round && canPrepare && <CandidatesForm onDone={saved(t('supportRound.opened'))} />}
      {round && (
        <>
          {round.status === 'DECIDED' && (
            <Alert color="green" title={t('supportRound.status.DECIDED')} data-testid="support-decision" styles={{ title: { color: 'var(--mantine-color-black)' } }}>
              {t('supportRound.decision', { number: round.decisionNumber, date: formatDate(round.decisionDate) })}
            </Alert>
          )}
          <Paper withBorder p="md">
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h4">
                {t('supportRound.pools')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('supportRound.roundFacts', { unit: formatVnd(round.roundingUnit), time: formatDateTime(round.createdAt) })}
              </Text>
            </Group>
            <PoolsTable round={round} />
          </Paper>
          {editing ? (
            <CandidatesForm round={round} onDone={saved(t('supportRound.saved'))} onCancel={() => setEditing(false)} />
          ) : (
            <>
              <CandidatesTable round={round} />
              {canPrepare && round.status === 'OPEN' && (
                <Group>
                  <Button
                    variant="default"
                    onClick={() => {
                      setNotice(null);
                      setEditing(true);
                    }}
                  >
                    {t('supportRound.edit')}
                  </Button>
                </Group>
              )}
            </>
          )}
        </>
      )}
    </Stack>
  );
}
