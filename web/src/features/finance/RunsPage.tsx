// Balancing runs for the signed-in balancer's track: a form (one ceiling or one per funding source,
// rounding unit), each run's per-line result with the rule that decided it, scenarios side by side
// with the differences highlighted, the floor after each, and adopting one (a stale run says why not).
import { Alert, Button, Checkbox, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { useMe, useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { MoneyInput } from '../../ui/MoneyInput';
import { formatVnd } from '../../ui/money';
import { useCatalog } from '../estimates/queries';
import { useFloor, yearKeys } from '../province/queries';
import { trackOf } from './BalanceEstimate';
import { SoftBadge } from '../../ui/SoftBadge';

interface RunGroup {
  ceiling: string;
  allocated: string;
  unallocated: string;
  lineCount: number;
  partialTier: number | null;
}
interface RunLine {
  lineId: string;
  unitId: string;
  unitName: string;
  planAreaCode: string;
  fundingSourceCode: string;
  requested: string;
  minimum: string;
  tier: number;
  approvedBefore: string | null;
  proposedApproved: string;
  basis: string;
  note: string | null;
  explanation?: { summary?: string };
}
interface Run {
  id: string;
  name: string;
  track: string;
  kind: string;
  status: string;
  version: number;
  roundingUnit: string;
  groups: Record<string, RunGroup>;
  createdAt: string;
  lines?: RunLine[];
}
interface Comparison {
  runs: Run[];
  totals: string[];
  totalDifferences: string[];
  byUnit: { key: string; label: string; amounts: string[]; differences: string[] }[];
  byPlanArea: { key: string; label: string; amounts: string[]; differences: string[] }[];
}

const loadRun = async (id: string) => (await ok(api.GET('/balancing-runs/{id}', { params: { path: { id } } }))) as unknown as Run;

export default function RunsPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { year } = useSession();
  const track = trackOf(me.role)!;
  const queryClient = useQueryClient();
  const catalog = useCatalog();
  const floor = useFloor();
  const runs = useQuery({
    queryKey: [...yearKeys(year), 'runs', track],
    enabled: year !== null,
    queryFn: async () => (await ok(api.GET('/fiscal-years/{year}/balancing-runs', { params: { path: { year: year! }, query: { track } } }))) as unknown as Run[],
  });
  const [name, setName] = useState('');
  const [perSource, setPerSource] = useState(false);
  const [ceiling, setCeiling] = useState('');
  const [ceilings, setCeilings] = useState<Record<string, string>>({});
  const [rounding, setRounding] = useState('1000000');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  const [picked, setPicked] = useState<string[]>([]);
  const [compareIds, setCompareIds] = useState<string[]>([]);
  const [adopted, setAdopted] = useState<string | null>(null);

  const shownRun = useQuery({ queryKey: ['run', shown], enabled: !!shown, queryFn: () => loadRun(shown!) });
  const comparison = useQuery({
    queryKey: [...yearKeys(year), 'compare', compareIds.join(',')],
    enabled: compareIds.length >= 2,
    queryFn: async () =>
      (await ok(api.GET('/fiscal-years/{year}/balancing-runs/compare', { params: { path: { year: year! }, query: { ids: compareIds } } }))) as unknown as Comparison,
  });
  const compared = useQueries({ queries: compareIds.map((id) => ({ queryKey: ['run', id], queryFn: () => loadRun(id) })) });

  if (runs.isPending || catalog.isPending) return <Loading />;
  if (runs.error) return <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />;
  const sources = catalog.data?.fundingSources ?? [];
  const sourceName = (code: string) => {
    const s = sources.find((x) => x.code === code);
    return s ? (i18n.language === 'en' ? s.nameEn : s.name) : code;
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: yearKeys(year) });

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = {
        track,
        ...(name.trim() ? { name: name.trim() } : {}),
        ...(perSource ? { ceilingsBySource: Object.fromEntries(Object.entries(ceilings).filter(([, v]) => v !== '')) } : { ceiling }),
        roundingUnit: rounding,
      };
      const run = (await ok(api.POST('/fiscal-years/{year}/balancing-runs', { params: { path: { year: year! } }, body: body as never }))) as unknown as Run;
      await refresh();
      setShown(run.id);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  /** Adopts the run as listed: at the version shown, so a run changed since is refused (409), not adopted unseen. */
  const adopt = async (run: Pick<Run, 'id' | 'version'>) => {
    setError(null);
    setAdopted(null);
    try {
      await ok(api.POST('/balancing-runs/{id}/adopt', { params: { path: { id: run.id } }, body: { version: run.version } }));
      await refresh();
      setAdopted(run.id);
    } catch (e) {
      setError(e);
    }
  };

  /** IT total against the floor if this run were adopted: today's figure plus what the run changes on floor sources. */
  const floorAfter = (run: Run | undefined): string | null => {
    if (!run?.lines || !floor.data) return null;
    const floorSources = new Set((floor.data as unknown as { floorSources?: string[] }).floorSources ?? []);
    let it = BigInt(floor.data.itTotal);
    for (const l of run.lines) {
      if (floorSources.size > 0 && !floorSources.has(sourceBudgetLevel(l.fundingSourceCode))) continue;
      it += BigInt(l.proposedApproved) - BigInt(l.approvedBefore ?? '0');
    }
    return it.toString();
  };
  const sourceBudgetLevel = (code: string) => sources.find((s) => s.code === code)?.budgetLevel ?? code;
  // A run named by the API's default ("BALANCE RECURRENT <instant>") is shown by its time instead.
  const runLabel = (r: Run) => (/^(BALANCE|TOP_UP) (RECURRENT|INVESTMENT) /.test(r.name) ? t('prov.runs.unnamed', { time: formatDateTime(r.createdAt) }) : r.name);
  // The comparison names units by code; the runs' lines carry their names.
  const unitNames = new Map(compared.flatMap((q) => (q.data?.lines ?? []).map((l) => [l.unitId, l.unitName] as const)));
  const unallocated = (r: Run) => Object.values(r.groups).reduce((s, g) => s + BigInt(g.unallocated), 0n);

  return (
    <Stack>
      <Title order={2}>{t('prov.runs.title', { track: t(`typeShort.${track}`) })}</Title>
      <Paper withBorder p="md" data-testid="run-form">
        <Title order={3} size="h4" mb="xs">
          {t('prov.runs.newRun')}
        </Title>
        <Group align="flex-end">
          <TextInput label={t('prov.runs.name')} value={name} onChange={(ev) => setName(ev.currentTarget.value)} w={260} />
          <NativeSelect
            label={t('prov.runs.ceilingKind')}
            value={perSource ? 'source' : 'one'}
            onChange={(ev) => setPerSource(ev.currentTarget.value === 'source')}
            data={[
              { value: 'one', label: t('prov.runs.oneCeiling') },
              { value: 'source', label: t('prov.runs.perSource') },
            ]}
          />
          {!perSource && <MoneyInput label={t('prov.runs.ceiling')} value={ceiling} onChange={setCeiling} w={220} />}
          <NativeSelect
            label={t('prov.runs.rounding')}
            value={rounding}
            onChange={(ev) => setRounding(ev.currentTarget.value)}
            data={['1', '1000', '1000000', '10000000'].map((v) => ({ value: v, label: formatVnd(v) }))}
          />
        </Group>
        {perSource && (
          <Group mt="sm">
            {sources.map((s) => (
              <MoneyInput key={s.code} label={sourceName(s.code)} value={ceilings[s.code] ?? ''} onChange={(v) => setCeilings((c) => ({ ...c, [s.code]: v }))} w={200} />
            ))}
          </Group>
        )}
        <Button mt="md" onClick={() => void create()} loading={busy}>
          {t('prov.runs.run')}
        </Button>
      </Paper>
      {error !== null && <ErrorAlert error={error} />}
      {adopted && (
        <Alert color="green" role="status">
          {t('prov.runs.adopted')}
        </Alert>
      )}

      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {t('prov.runs.list')}
        </Title>
        {runs.data.length === 0 ? (
          <Text size="sm">{t('prov.runs.none')}</Text>
        ) : (
          <Table striped data-testid="runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prov.runs.pick')}</Table.Th>
                <Table.Th>{t('prov.runs.name')}</Table.Th>
                <Table.Th ta="right">{t('prov.runs.ceiling')}</Table.Th>
                <Table.Th ta="right">{t('prov.runs.allocated')}</Table.Th>
                <Table.Th ta="right">{t('prov.runs.gap')}</Table.Th>
                <Table.Th>{t('work.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {runs.data.map((r) => {
                const groups = Object.values(r.groups);
                const sum = (f: keyof RunGroup) => groups.reduce((s, g) => s + BigInt(g[f] as string), 0n);
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('prov.runs.pickRun', { name: runLabel(r) })}
                        checked={picked.includes(r.id)}
                        onChange={(ev) => {
                          const checked = ev.currentTarget.checked;
                          setPicked((p) => (checked ? [...p, r.id] : p.filter((x) => x !== r.id)));
                        }}
                      />
                    </Table.Td>
                    <Table.Td>
                      {runLabel(r)}
                      <Text size="xs" c="dimmed">
                        {formatDateTime(r.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">{formatVnd(sum('ceiling'))}</Table.Td>
                    <Table.Td ta="right">{formatVnd(sum('allocated'))}</Table.Td>
                    <Table.Td ta="right">{formatVnd(sum('unallocated'))}</Table.Td>
                    <Table.Td>
                      <SoftBadge color={r.status === 'ADOPTED' ? 'green' : 'gray'}>
                        {t(`prov.runs.status.${r.status}`, { defaultValue: r.status })}
                      </SoftBadge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button size="compact-sm" variant="default" onClick={() => setShown(r.id)} aria-label={t('prov.runs.showRun', { name: runLabel(r) })}>
                          {t('prov.runs.show')}
                        </Button>
                        {r.status === 'PROPOSED' && (
                          <Button size="compact-sm" onClick={() => void adopt(r)} aria-label={t('prov.runs.adoptRun', { name: runLabel(r) })}>
                            {t('prov.runs.adopt')}
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <Button mt="sm" variant="outline" disabled={picked.length < 2} onClick={() => setCompareIds(picked)}>
          {t('prov.runs.compare', { count: picked.length })}
        </Button>
      </Paper>

      {compareIds.length >= 2 && comparison.data && (
        <Paper withBorder p="md" data-testid="comparison">
          <Title order={3} size="h4" mb="xs">
            {t('prov.runs.sideBySide')}
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th />
                {comparison.data.runs.map((r) => (
                  <Table.Th key={r.id} ta="right">
                    {runLabel(r)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {comparison.data.byUnit.map((row) => (
                <CompareRow key={row.key} label={unitNames.get(row.key) ?? row.label} amounts={row.amounts} differences={row.differences} />
              ))}
              {comparison.data.byPlanArea.map((row) => (
                <CompareRow key={row.key} label={`${t('line.planArea')} ${row.label}`} amounts={row.amounts} differences={row.differences} />
              ))}
              <CompareRow label={t('common.total')} amounts={comparison.data.totals} differences={comparison.data.totalDifferences} strong />
              <Table.Tr>
                <Table.Th scope="row">{t('prov.runs.gap')}</Table.Th>
                {comparison.data.runs.map((r) => (
                  <Table.Td key={r.id} ta="right">
                    {formatVnd(unallocated(r))}
                  </Table.Td>
                ))}
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('prov.runs.floorAfter')}</Table.Th>
                {compareIds.map((id, i) => {
                  const after = floorAfter(compared[i]?.data);
                  const ok2 = after !== null && floor.data ? BigInt(after) >= BigInt(floor.data.floorAmount) : null;
                  return (
                    <Table.Td key={id} ta="right">
                      {after === null ? '…' : formatVnd(after)}
                      {ok2 !== null && (
                        <Text size="xs" c={ok2 ? 'teal.9' : 'red.9'}>
                          {ok2 ? t('prov.floor.compliant') : t('prov.floor.short')}
                        </Text>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="xs">
            {t('prov.runs.diffHelp')}
          </Text>
        </Paper>
      )}

      {shown && shownRun.data && (
        <Paper withBorder p="md" data-testid="run-result">
          <Title order={3} size="h4" mb="xs">
            {t('prov.runs.result', { name: runLabel(shownRun.data) })}
          </Title>
          <Group mb="xs">
            {Object.entries(shownRun.data.groups).map(([key, g]) => (
              <Text key={key} size="sm">
                {key === '*' ? t('prov.runs.oneCeiling') : sourceName(key)}: {t('prov.runs.groupLine', { ceiling: formatVnd(g.ceiling), allocated: formatVnd(g.allocated), gap: formatVnd(g.unallocated) })}
              </Text>
            ))}
          </Group>
          <Table striped fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('prov.unit')}</Table.Th>
                <Table.Th>{t('line.planArea')}</Table.Th>
                <Table.Th>{t('line.priorityTier')}</Table.Th>
                <Table.Th ta="right">{t('prov.requested')}</Table.Th>
                <Table.Th ta="right">{t('line.committedMinimum')}</Table.Th>
                <Table.Th ta="right">{t('prov.runs.proposed')}</Table.Th>
                <Table.Th>{t('prov.runs.rule')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(shownRun.data.lines ?? []).map((l) => (
                <Table.Tr key={l.lineId}>
                  <Table.Td>{l.unitName}</Table.Td>
                  <Table.Td>{l.planAreaCode}</Table.Td>
                  <Table.Td>{l.tier}</Table.Td>
                  <Table.Td ta="right">{formatVnd(l.requested)}</Table.Td>
                  <Table.Td ta="right">{formatVnd(l.minimum)}</Table.Td>
                  <Table.Td ta="right">{formatVnd(l.proposedApproved)}</Table.Td>
                  <Table.Td>
                    {t(`prov.runs.basis.${l.basis}`, { defaultValue: l.basis })}
                    {l.note && (
                      <Text size="xs" c="dimmed">
                        {l.note}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
    </Stack>
  );
}

/** One row of the side-by-side table; a figure that differs from the first run's is highlighted. */
function CompareRow({ label, amounts, differences, strong }: { label: string; amounts: string[]; differences: string[]; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" fw={strong ? 700 : 400}>
        {label}
      </Table.Th>
      {amounts.map((a, i) => {
        const differs = differences[i] !== '0' && i > 0;
        return (
          <Table.Td key={i} ta="right" bg={differs ? 'yellow.1' : undefined} fw={strong || differs ? 700 : undefined} data-differs={differs ? 'yes' : undefined}>
            {formatVnd(a)}
            {differs && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({BigInt(differences[i]) > 0n ? '+' : ''}
                {formatVnd(differences[i])})
              </Text>
            )}
          </Table.Td>
        );
      })}
    </Table.Tr>
  );
}
