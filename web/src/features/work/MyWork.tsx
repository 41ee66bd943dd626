// My work: the unit's estimate of the selected year at a glance — status, deadline and days left,
// the last return comment, support awarded, what is missing before submission — and the way in.
import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import type { Estimate } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { StatusBadge } from '../../ui/StatusBadge';
import { useEstimate, useMyEstimateItem } from '../estimates/queries';
import { daysUntil, useChecklist, vietnamToday } from '../review/checklist';
import { RuleList } from '../review/RuleList';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={600} component="div">
        {children}
      </Text>
    </div>
  );
}

export default function MyWork() {
  const { t } = useTranslation();
  const me = useMe();
  const { year, years } = useSession();
  const queryClient = useQueryClient();
  const item = useMyEstimateItem();
  const estimate = useEstimate(item.data?.id);
  const fiscalYear = years.find((y) => y.year === year);

  const create = useMutation({
    mutationFn: () => ok(api.POST('/estimates', { body: { unitId: me.unitId, year: year! } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['my-estimate'] }),
  });

  if (year === null) return <Alert>{t('year.none')}</Alert>;
  if (item.isPending || (item.data && estimate.isPending)) return <Loading />;
  if (item.isError) return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  if (estimate.isError) return <ErrorAlert error={estimate.error} onRetry={() => void estimate.refetch()} />;

  const deadline = fiscalYear?.submissionDeadline ?? null;
  const days = deadline ? daysUntil(deadline, vietnamToday()) : null;
  const daysText =
    days === null ? t('work.noDeadline') : days > 0 ? t('work.daysLeft', { count: days }) : days === 0 ? t('work.today') : t('work.overdue', { count: -days });

  if (!item.data || !estimate.data) {
    return (
      <Stack maw={720}>
        <Title order={2}>{t('work.title')}</Title>
        <Card withBorder>
          <Stack>
            <Text>{t('work.noEstimate', { year })}</Text>
            <Fact label={t('work.deadline')}>
              {formatDate(deadline)} — {daysText}
            </Fact>
            {create.isError && <ErrorAlert error={create.error} />}
            <Group>
              <Button onClick={() => create.mutate()} loading={create.isPending}>
                {t('work.create', { year })}
              </Button>
            </Group>
          </Stack>
        </Card>
      </Stack>
    );
  }

  const e = estimate.data;
  return (
    <Stack maw={960}>
      <Title order={2}>{t('work.title')}</Title>
      <Card withBorder>
        <Stack>
          <Group justify="space-between">
            <Title order={3} size="h4">
              {t('work.estimateOf', { year, unit: e.unit.name })}
            </Title>
            <StatusBadge status={e.status} />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <Fact label={t('work.deadline')}>
              {formatDate(deadline)}
              <Text size="sm" c={days !== null && days < 0 ? 'red.8' : 'dimmed'}>
                {daysText}
              </Text>
            </Fact>
            <Fact label={t('work.lines')}>{e.totals.lineCount}</Fact>
            <Fact label={t('work.total')}>
              <span className="money" data-testid="work-total">
                {formatVnd(e.totals.total)}
              </span>
            </Fact>
            <Fact label={t('work.support')}>
              {e.supportAwarded.length === 0
                ? t('work.noSupport')
                : e.supportAwarded.map((s) => (
                    <div key={s.fundingSourceCode}>
                      {t(`sources.${s.fundingSourceCode}`, { defaultValue: s.fundingSourceCode })}: {formatVnd(s.amount)}
                    </div>
                  ))}
            </Fact>
          </SimpleGrid>
          {e.returnComment && (
            <Alert color="orange" title={t('work.returnComment')}>
              {e.returnComment}
            </Alert>
          )}
          {(e.status === 'DRAFT' || e.status === 'RETURNED') && (
            <div>
              <Title order={4} size="h5" mb="xs">
                {t('work.missing')}
              </Title>
              <Missing estimate={e} />
            </div>
          )}
          <Group>
            <Button component={Link} to="/estimate">
              {t('work.open')}
            </Button>
            <Button component={Link} to="/estimate/review" variant="default">
              {t('nav.review')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}

/** What still stops the head from submitting, as the server's checklist says (its rules in state fail). */
function Missing({ estimate }: { estimate: Estimate }) {
  const { t } = useTranslation();
  const checklist = useChecklist(estimate);
  if (checklist.isPending) return <Loading />;
  if (checklist.isError) return <ErrorAlert error={checklist.error} onRetry={() => void checklist.refetch()} />;
  const missing = checklist.data.rules.filter((rule) => rule.state === 'fail');
  return missing.length === 0 ? <Text>{t('work.nothingMissing')}</Text> : <RuleList rules={missing} />;
}
