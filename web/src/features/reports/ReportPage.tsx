// The semi-annual progress report of an approved estimate: figures per plan target, what was
// disbursed per approved line (a reason where it exceeds the approved amount), saved with its
// version; the unit head submits it.
import { Alert, Button, Card, Checkbox, Group, SegmentedControl, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { measureUnitText } from '../../i18n';
import { api, ok } from '../../api/client';
import { useMe, useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { MoneyInput } from '../../ui/MoneyInput';
import { formatVnd } from '../../ui/money';

interface Indicator {
  targetCode: string;
  indicator: string;
  indicatorEn: string;
  measureUnit: string;
  aggregation: string;
  numeratorLabel: string | null;
  numeratorLabelEn: string | null;
  denominatorLabel: string | null;
  denominatorLabelEn: string | null;
  numerator: string | null;
  denominator: string | null;
  achieved: boolean | null;
  note: string;
}

interface Disbursement {
  lineId: string;
  lineNo: number;
  description: string;
  approved: string;
  disbursed: string | null;
  overrunReason: string | null;
}

interface Report {
  id: string;
  half: 1 | 2;
  status: string;
  version: number;
  note: string;
  dueDate: string;
  overdue: boolean;
  returnComment: string | null;
  estimateId: string | null;
  indicators: Indicator[];
  disbursements: Disbursement[];
  totals: { approved: string; disbursed: string };
}

interface Form {
  note: string;
  indicators: Record<string, { numerator: string; denominator: string; achieved: boolean; note: string }>;
  disbursements: Record<string, { disbursed: string; overrunReason: string }>;
}

function formOf(report: Report): Form {
  return {
    note: report.note,
    indicators: Object.fromEntries(
      report.indicators.map((i) => [
        i.targetCode,
        { numerator: i.numerator ?? '', denominator: i.denominator ?? '', achieved: i.achieved ?? false, note: i.note },
      ]),
    ),
    disbursements: Object.fromEntries(report.disbursements.map((d) => [d.lineId, { disbursed: d.disbursed ?? '', overrunReason: d.overrunReason ?? '' }])),
  };
}

const EDITABLE = ['DRAFT', 'RETURNED'];

function ReportForm({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const me = useMe();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<Form>(() => formOf(report));
  useEffect(() => setForm(formOf(report)), [report]);
  const editable = EDITABLE.includes(report.status);

  const save = useMutation({
    mutationFn: async (): Promise<Report> =>
      (await ok(
        api.PATCH('/progress-reports/{id}', {
          params: { path: { id: report.id } },
          body: {
            version: report.version,
            note: form.note,
            indicators: report.indicators.map((i) => {
              const f = form.indicators[i.targetCode];
              return i.aggregation === 'SHARE_OF_UNITS'
                ? { targetCode: i.targetCode, achieved: f.achieved, note: f.note }
                : {
                    targetCode: i.targetCode,
                    ...(f.numerator !== '' && { numerator: f.numerator }),
                    ...(f.denominator !== '' && { denominator: f.denominator }),
                    note: f.note,
                  };
            }),
            disbursements: report.disbursements
              .filter((d) => form.disbursements[d.lineId].disbursed !== '')
              .map((d) => {
                const f = form.disbursements[d.lineId];
                return { lineId: d.lineId, disbursed: f.disbursed, ...(f.overrunReason && { overrunReason: f.overrunReason }) };
              }),
          },
        }),
      )) as unknown as Report,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['progress-reports'] }),
  });
  const submit = useMutation({
    mutationFn: () => ok(api.POST('/progress-reports/{id}/submit', { params: { path: { id: report.id } }, body: { version: report.version } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['progress-reports'] }),
  });

  return (
    <Stack>
      <Group>
        <Text>
          {t('report.due')}: <strong>{formatDate(report.dueDate)}</strong>
        </Text>
        <Text>
          {t('report.status')}: <strong>{t(`report.statuses.${report.status}`, { defaultValue: report.status })}</strong>
        </Text>
      </Group>
      {report.returnComment && (
        <Alert color="orange" title={t('work.returnComment')}>
          {report.returnComment}
        </Alert>
      )}
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {t('report.targets')}
        </Title>
        {report.indicators.length === 0 ? (
          <Text size="sm">{t('report.noTargets')}</Text>
        ) : (
          <Table fz="sm" withTableBorder data-testid="report-indicators">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('report.indicator')}</Table.Th>
                <Table.Th w={330}>{t('report.figure')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.indicators.map((i) => {
                const f = form.indicators[i.targetCode];
                const set = (patch: Partial<typeof f>) =>
                  setForm({ ...form, indicators: { ...form.indicators, [i.targetCode]: { ...f, ...patch } } });
                const label = en ? i.indicatorEn : i.indicator;
                return (
                  <Table.Tr key={i.targetCode}>
                    <Table.Td>
                      {label} <Text span c="dimmed" size="xs">({measureUnitText(t, i.measureUnit)})</Text>
                    </Table.Td>
                    <Table.Td>
                      {i.aggregation === 'SHARE_OF_UNITS' ? (
                        <Checkbox label={t('report.achieved')} checked={f.achieved} disabled={!editable} onChange={(e) => set({ achieved: e.currentTarget.checked })} />
                      ) : (
                        <Group gap="xs" grow>
                          <TextInput
                            size="xs"
                            label={(en ? i.numeratorLabelEn : i.numeratorLabel) ?? t('report.numerator')}
                            inputMode="numeric"
                            value={f.numerator}
                            disabled={!editable}
                            onChange={(e) => set({ numerator: e.currentTarget.value.replace(/\D/g, '') })}
                          />
                          {i.denominatorLabel !== null && (
                            <TextInput
                              size="xs"
                              label={(en ? i.denominatorLabelEn : i.denominatorLabel) ?? t('report.denominator')}
                              inputMode="numeric"
                              value={f.denominator}
                              disabled={!editable}
                              onChange={(e) => set({ denominator: e.currentTarget.value.replace(/\D/g, '') })}
                            />
                          )}
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Card>
      <Card withBorder>
        <Title order={3} size="h5" mb="sm">
          {t('report.disbursed')}
        </Title>
        {report.disbursements.length === 0 ? (
          <Text size="sm">{t('report.noLines')}</Text>
        ) : (
          <Table fz="sm" withTableBorder data-testid="report-disbursements">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>{t('line.no')}</Table.Th>
                <Table.Th>{t('line.description')}</Table.Th>
                <Table.Th ta="right">{t('report.approved')}</Table.Th>
                <Table.Th w={190}>{t('report.disbursedSoFar')}</Table.Th>
                <Table.Th w={220}>{t('report.overrunReason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.disbursements.map((d) => {
                const f = form.disbursements[d.lineId];
                const over = f.disbursed !== '' && BigInt(f.disbursed) > BigInt(d.approved);
                const set = (patch: Partial<typeof f>) =>
                  setForm({ ...form, disbursements: { ...form.disbursements, [d.lineId]: { ...f, ...patch } } });
                return (
                  <Table.Tr key={d.lineId} data-line-no={d.lineNo}>
                    <Table.Td>{d.lineNo}</Table.Td>
                    <Table.Td>{d.description}</Table.Td>
                    <Table.Td className="money">{formatVnd(d.approved)}</Table.Td>
                    <Table.Td>
                      <MoneyInput
                        size="xs"
                        aria-label={t('report.disbursedLine', { no: d.lineNo })}
                        value={f.disbursed}
                        disabled={!editable}
                        onChange={(v) => set({ disbursed: v })}
                      />
                    </Table.Td>
                    <Table.Td>
                      {over && (
                        <TextInput
                          size="xs"
                          aria-label={t('report.overrunReasonLine', { no: d.lineNo })}
                          required
                          value={f.overrunReason}
                          disabled={!editable}
                          onChange={(e) => set({ overrunReason: e.currentTarget.value })}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            <Table.Tfoot>
              {/* As saved: the API's totals, so the officer sees what the province will read. */}
              <Table.Tr fw={700}>
                <Table.Td />
                <Table.Td>{t('report.totalsSaved')}</Table.Td>
                <Table.Td className="money" data-testid="report-approved-total">
                  {formatVnd(report.totals.approved)}
                </Table.Td>
                <Table.Td className="money" data-testid="report-disbursed-total">
                  {formatVnd(report.totals.disbursed)}
                </Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        )}
      </Card>
      <Textarea label={t('report.note')} value={form.note} disabled={!editable} onChange={(e) => setForm({ ...form, note: e.currentTarget.value })} />
      {save.isError && <ErrorAlert error={save.error} />}
      {save.isSuccess && (
        <Alert color="green" role="status">
          {t('report.saved')}
        </Alert>
      )}
      {submit.isError && <ErrorAlert error={submit.error} />}
      {editable && (
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('common.save')}
          </Button>
          {me.role === 'UNIT_HEAD' && (
            <Button variant="default" onClick={() => submit.mutate()} loading={submit.isPending}>
              {t('report.submit')}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

export default function ReportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { year } = useSession();
  const [half, setHalf] = useState<'1' | '2'>('1');
  const queryClient = useQueryClient();
  const reports = useQuery({
    queryKey: ['progress-reports', me.unitId, year, half],
    enabled: year !== null,
    queryFn: async (): Promise<Report | null> => {
      const page = (await ok(api.GET('/progress-reports', { params: { query: { year: year!, unitId: me.unitId, half: Number(half) as 1 | 2 } } }))) as unknown as {
        items: { id: string }[];
      };
      if (page.items.length === 0) return null;
      return ok(api.GET('/progress-reports/{id}', { params: { path: { id: page.items[0].id } } }));
    },
  });
  const create = useMutation({
    mutationFn: () => ok(api.POST('/progress-reports', { body: { unitId: me.unitId, year: year!, half: Number(half) as 1 | 2 } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['progress-reports'] }),
  });

  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={2}>{t('report.title', { year })}</Title>
        <SegmentedControl
          aria-label={t('report.half')}
          value={half}
          onChange={setHalf}
          data={[
            { value: '1', label: t('report.half1') },
            { value: '2', label: t('report.half2') },
          ]}
        />
      </Group>
      {reports.isPending && <Loading />}
      {reports.isError && <ErrorAlert error={reports.error} onRetry={() => void reports.refetch()} />}
      {reports.isSuccess && reports.data === null && (
        <Card withBorder>
          <Stack>
            <Text>{t('report.none')}</Text>
            {create.isError && <ErrorAlert error={create.error} />}
            <Group>
              <Button onClick={() => create.mutate()} loading={create.isPending}>
                {t('report.create')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      {reports.isSuccess && reports.data && <ReportForm report={reports.data} />}
    </Stack>
  );
}
