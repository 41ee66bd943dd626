// Review and submit: the rules with their state, the estimate's history in words, and Submit for
// the unit head only (the officer sees who submits).
import { Alert, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import type { Estimate } from '../../api/types';
import { useMe, useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { StatusBadge } from '../../ui/StatusBadge';
import { estimateKey, useEstimate, useMyEstimateItem } from '../estimates/queries';
import { useChecklist } from './checklist';
import { RuleList } from './RuleList';

function History({ estimateId }: { estimateId: string }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: ['history', estimateId],
    queryFn: () => ok(api.GET('/estimates/{id}/history', { params: { path: { id: estimateId } } })),
  });
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorAlert error={history.error} onRetry={() => void history.refetch()} />;
  const items = [...history.data.items].reverse();
  return (
    <Table striped withTableBorder fz="sm" data-testid="history">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={150}>{t('review.when')}</Table.Th>
          <Table.Th w={240}>{t('review.who')}</Table.Th>
          <Table.Th>{t('review.what')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((entry, i) => (
          <Table.Tr key={i}>
            <Table.Td>{formatDateTime(entry.at)}</Table.Td>
            <Table.Td>{entry.actorName ?? '—'}</Table.Td>
            <Table.Td>
              {t(`history.${entry.action}`, {
                defaultValue: entry.action,
                no: entry.lineNo ?? '',
                description: entry.description ?? '',
                status: entry.status ? t(`status.${entry.status}`, { defaultValue: entry.status }) : '',
              })}
              {entry.reason && (
                <Text size="xs" c="dimmed">
                  {entry.reason}
                </Text>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export default function ReviewPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { year } = useSession();
  const item = useMyEstimateItem();
  const estimate = useEstimate(item.data?.id);
  const checklist = useChecklist(estimate.data);
  const queryClient = useQueryClient();

  const submit = useMutation({
    mutationFn: async (e: Estimate): Promise<Estimate> =>
      ok(api.POST('/estimates/{id}/submit', { params: { path: { id: e.id } }, body: { version: e.version } })),
    onSuccess: (fresh) => {
      queryClient.setQueryData(estimateKey(fresh.id), fresh);
      void queryClient.invalidateQueries({ queryKey: ['my-estimate'] });
      void queryClient.invalidateQueries({ queryKey: ['history', fresh.id] });
    },
  });

  if (item.isPending || (item.data && (estimate.isPending || checklist.isPending))) return <Loading />;
  if (item.isError) return <ErrorAlert error={item.error} />;
  if (estimate.isError) return <ErrorAlert error={estimate.error} />;
  if (checklist.isError) return <ErrorAlert error={checklist.error} onRetry={() => void checklist.refetch()} />;
  if (!item.data || !estimate.data) return <Alert>{t('work.noEstimate', { year })}</Alert>;

  const e = estimate.data;
  // The server's checklist for the version shown (the same rules submit applies).
  const rules = checklist.data?.rules ?? [];
  const blocked = checklist.data?.canSubmit === false;
  const submittable = e.status === 'DRAFT' || e.status === 'RETURNED';

  return (
    <Stack maw={1000}>
      <Group justify="space-between">
        <Title order={2}>{t('review.title', { year: e.year })}</Title>
        <StatusBadge status={e.status} />
      </Group>
      <Card withBorder>
        <Stack>
          <Title order={3} size="h4">
            {t('review.rules')}
          </Title>
          <RuleList rules={rules} />
          <Group justify="space-between" align="center">
            <Text>
              {t('review.total')}: <strong className="money">{formatVnd(e.totals.total)}</strong> ({t('review.lines', { count: e.totals.lineCount })})
            </Text>
            {submittable &&
              (me.role === 'UNIT_HEAD' ? (
                <Button onClick={() => submit.mutate(e)} loading={submit.isPending} disabled={blocked}>
                  {t('review.submit')}
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('review.headSubmits')}
                </Text>
              ))}
          </Group>
          {submittable && blocked && me.role === 'UNIT_HEAD' && <Text size="sm">{t('review.blocked')}</Text>}
          {submit.isError && <ErrorAlert error={submit.error} />}
          {submit.isSuccess && (
            <Alert color="green" role="status">
              {t('review.submitted')}
            </Alert>
          )}
        </Stack>
      </Card>
      <Title order={3} size="h4">
        {t('review.history')}
      </Title>
      <History estimateId={e.id} />
    </Stack>
  );
}
