// Year settings for DOF: total local expenditure, the floor ratio and policy (a change needs a reason,
// kept in the audit trail) and the calendar (dates as officials write them, dd/mm/yyyy).
import { Alert, Button, Group, NativeSelect, Paper, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate, parseVnDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { MoneyInput } from '../../ui/MoneyInput';
import { yearKeys } from '../province/queries';

interface YearView {
  year: number;
  version: number;
  totalLocalExpenditure: string | null;
  floorRatio: string;
  floorPolicy: string;
  submissionDeadline: string | null;
  balancingDeadline: string | null;
  committeeDeadline: string | null;
}

const DATES = ['submissionDeadline', 'balancingDeadline', 'committeeDeadline'] as const;

export default function YearSettings() {
  const { t } = useTranslation();
  const { year } = useSession();
  const queryClient = useQueryClient();
  const current = useQuery({
    queryKey: [...yearKeys(year), 'settings'],
    enabled: year !== null,
    queryFn: async () => (await ok(api.GET('/fiscal-years/{year}', { params: { path: { year: year! } } }))) as unknown as YearView,
  });
  const [total, setTotal] = useState('');
  const [ratio, setRatio] = useState('');
  const [policy, setPolicy] = useState('');
  const [dates, setDates] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    const y = current.data;
    if (!y) return;
    setTotal(y.totalLocalExpenditure ?? '');
    setRatio(String(Number(y.floorRatio) * 100));
    setPolicy(y.floorPolicy);
    setDates(Object.fromEntries(DATES.map((d) => [d, y[d] ? formatDate(y[d]) : ''])));
  }, [current.data]);

  if (current.isPending) return <Loading />;
  if (!current.data) return <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />;
  const y = current.data;
  const ratioText = ratio.replace(',', '.');
  const newRatio = /^\d{1,2}(\.\d{1,4})?$/.test(ratioText) ? (Number(ratioText) / 100).toString() : null;
  const floorChanged = total !== (y.totalLocalExpenditure ?? '') || (newRatio !== null && Number(newRatio) !== Number(y.floorRatio)) || policy !== y.floorPolicy;

  const save = async () => {
    const found: Record<string, string> = {};
    if (newRatio === null) found.ratio = t('prov.settings.ratioInvalid');
    const isoDates: Record<string, string | null> = {};
    for (const d of DATES) {
      const text = dates[d]?.trim() ?? '';
      const iso = text === '' ? null : parseVnDate(text);
      if (text !== '' && iso === null) found[d] = t('prov.chair.dateInvalid');
      isoDates[d] = iso;
    }
    if (floorChanged && !reason.trim()) found.reason = t('prov.settings.reasonRequired');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setError(null);
    setSaved(false);
    try {
      const body = {
        version: y.version,
        ...isoDates,
        ...(floorChanged ? { totalLocalExpenditure: total === '' ? null : total, floorRatio: newRatio!, floorPolicy: policy, reason: reason.trim() } : {}),
      };
      await ok(api.PATCH('/fiscal-years/{year}', { params: { path: { year: y.year } }, body: body as never }));
      await queryClient.invalidateQueries({ queryKey: yearKeys(year) });
      await queryClient.invalidateQueries({ queryKey: ['fiscal-years'] });
      setReason('');
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Stack maw={760}>
      <Title order={2}>{t('prov.settings.title', { year: y.year })}</Title>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('prov.settings.floor')}
        </Title>
        <Group align="flex-start">
          <MoneyInput label={t('prov.floor.local')} value={total} onChange={setTotal} w={260} />
          <TextInput label={t('prov.settings.ratio')} value={ratio} onChange={(ev) => setRatio(ev.currentTarget.value)} error={problems.ratio} w={140} />
          <NativeSelect
            label={t('prov.settings.policy')}
            value={policy}
            onChange={(ev) => setPolicy(ev.currentTarget.value)}
            data={['STOP', 'WARN'].map((p) => ({ value: p, label: t(`prov.settings.policies.${p}`) }))}
          />
        </Group>
        <Textarea
          mt="sm"
          label={t('prov.settings.reason')}
          description={t('prov.settings.reasonHelp')}
          required={floorChanged}
          value={reason}
          onChange={(ev) => setReason(ev.currentTarget.value)}
          error={problems.reason}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('prov.settings.calendar')}
        </Title>
        <Group align="flex-start">
          {DATES.map((d) => (
            <TextInput
              key={d}
              label={t(`prov.settings.${d}`)}
              description={t('prov.chair.dateHelp')}
              value={dates[d] ?? ''}
              onChange={(ev) => {
                const value = ev.currentTarget.value;
                setDates((all) => ({ ...all, [d]: value }));
              }}
              error={problems[d]}
            />
          ))}
        </Group>
      </Paper>
      {error !== null && <ErrorAlert error={error} />}
      {saved && (
        <Alert color="green" role="status">
          {t('prov.settings.saved')}
        </Alert>
      )}
      <Group>
        <Button onClick={() => void save()}>{t('prov.settings.save')}</Button>
      </Group>
    </Stack>
  );
}
