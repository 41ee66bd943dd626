// DIC's review queue: the submitted estimates of the year across units, filtered by unit, plan area,
// activity kind and "opinion missing"; each opens the per-line review.
import { Anchor, Checkbox, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQueries } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ok } from '../../api/client';
import type { Estimate } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { formatVnd } from '../../ui/money';
import { estimateKey, useCatalog } from '../estimates/queries';
import { useYearEstimates } from '../province/queries';
import { SoftBadge, StatusTag } from '../../ui/SoftBadge';

export default function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const list = useYearEstimates();
  const catalog = useCatalog();
  const waiting = useMemo(() => (list.data ?? []).filter((e) => e.status === 'SUBMITTED' || e.status === 'BALANCED'), [list.data]);
  const details = useQueries({
    queries: waiting.map((e) => ({
      queryKey: estimateKey(e.id),
      queryFn: async (): Promise<Estimate> => ok(api.GET('/estimates/{id}', { params: { path: { id: e.id } } })),
    })),
  });
  const [unit, setUnit] = useState('');
  const [area, setArea] = useState('');
  const [kind, setKind] = useState('');
  const [missing, setMissing] = useState(false);

  if (list.isPending || catalog.isPending) return <Loading />;
  if (list.error) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const name = (n: { name: string; nameEn: string }) => (i18n.language === 'en' ? n.nameEn : n.name);
  const estimates = details.map((d) => d.data).filter((e): e is Estimate => !!e);
  const rows = estimates.filter((e) => {
    if (unit && e.unitId !== unit) return false;
    const lines = e.lines.filter((l) => (!area || l.planAreaCode === area) && (!kind || l.activityKindCode === kind));
    if ((area || kind) && lines.length === 0) return false;
    if (missing && !lines.some((l) => l.dicOpinion === null)) return false;
    return true;
  });

  return (
    <Stack>
      <Title order={2}>{t('prov.dic.queueTitle')}</Title>
      <Group align="flex-end">
        <NativeSelect
          label={t('prov.unit')}
          value={unit}
          onChange={(ev) => setUnit(ev.currentTarget.value)}
          data={[{ value: '', label: t('prov.all') }, ...waiting.map((e) => ({ value: e.unitId, label: name(e.unit) }))]}
        />
        <NativeSelect
          label={t('line.planArea')}
          value={area}
          onChange={(ev) => setArea(ev.currentTarget.value)}
          data={[
            { value: '', label: t('prov.all') },
            ...(catalog.data?.planAreas ?? []).filter((a) => a.selectable).map((a) => ({ value: a.code, label: `${a.code} — ${name(a)}` })),
          ]}
        />
        <NativeSelect
          label={t('line.activityKind')}
          value={kind}
          onChange={(ev) => setKind(ev.currentTarget.value)}
          data={[{ value: '', label: t('prov.all') }, ...(catalog.data?.activityKinds ?? []).map((a) => ({ value: a.code, label: name(a) }))]}
        />
        <Checkbox label={t('prov.dic.missingOnly')} checked={missing} onChange={(ev) => setMissing(ev.currentTarget.checked)} mb={6} />
      </Group>
      {waiting.length === 0 ? (
        <Text>{t('prov.dic.nothing')}</Text>
      ) : (
        <Table striped highlightOnHover data-testid="review-queue">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prov.unit')}</Table.Th>
              <Table.Th>{t('work.status')}</Table.Th>
              <Table.Th ta="right">{t('work.lines')}</Table.Th>
              <Table.Th ta="right">{t('prov.dic.opinionsGiven')}</Table.Th>
              <Table.Th ta="right">{t('work.total')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((e) => {
              const given = e.lines.filter((l) => l.dicOpinion !== null).length;
              return (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    {name(e.unit)}
                    {e.submittedLate && (
                      <SoftBadge ml="xs" color="orange">
                        {t('prov.late')}
                      </SoftBadge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <StatusTag status={e.status} />
                  </Table.Td>
                  <Table.Td ta="right">{e.lines.length}</Table.Td>
                  <Table.Td ta="right">
                    <Text span c={given < e.lines.length ? 'red.9' : undefined} size="sm">
                      {given}/{e.lines.length}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatVnd(e.totals.total)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/review/${e.id}`} aria-label={t('prov.dic.openFor', { unit: name(e.unit) })}>
                      {t('prov.dic.open')}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
