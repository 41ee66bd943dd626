// DOF's form for a support round: the pools and the rounding unit (when opening), and the candidate
// units with hardship tier, amount asked and minimum. Opening posts the round; on an open round the
// same form replaces the candidates (the API computes the proposal again). Amounts are digit strings.
import { ActionIcon, Alert, Button, Group, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ok } from '../../api/client';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { MoneyInput } from '../../ui/MoneyInput';
import { formatVnd } from '../../ui/money';
import { POOL_CODES, type PoolCode, type SupportRound } from './round';

interface Row {
  key: number;
  unitId: string;
  tier: string;
  asked: string;
  minimum: string;
}

const TIERS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
const ROUNDING = ['1', '1000', '1000000', '10000000'];

let nextKey = 1;
const emptyRow = (): Row => ({ key: nextKey++, unitId: '', tier: '1', asked: '', minimum: '' });

/** `round` given: replace its candidates; otherwise open the year's round. Calls `onDone` after saving. */
export function CandidatesForm({ round, onDone, onCancel }: { round?: SupportRound; onDone: () => Promise<void>; onCancel?: () => void }) {
  const { t } = useTranslation();
  const { year } = useSession();
  const units = useQuery({ queryKey: ['units'], queryFn: () => ok(api.GET('/units')) });
  const [pools, setPools] = useState<Record<PoolCode, string>>({ CENTRAL_SUPPORT: '', PROVINCIAL_SUPPORT: '' });
  const [rounding, setRounding] = useState('1000000');
  const [rows, setRows] = useState<Row[]>(() =>
    round
      ? round.candidates.map((c) => ({ key: nextKey++, unitId: c.unitId, tier: String(c.hardshipTier), asked: c.asked, minimum: c.minimum === '0' ? '' : c.minimum }))
      : [emptyRow()],
  );
  // After a first attempt the problems follow the form as it is corrected.
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const all = units.data ?? [];
  const nameOf = (id: string) => all.find((u) => u.id === id)?.name ?? '';
  const group = (kind: string, label: string) => ({
    group: label,
    items: all.filter((u) => u.kind === kind).map((u) => ({ value: u.id, label: u.name })),
  });
  const unitOptions = [
    { value: '', label: t('supportRound.pickUnit') },
    group('DISTRICT_COMMITTEE', t('supportRound.districts')),
    group('COMMUNE_COMMITTEE', t('supportRound.communes')),
    group('DEPARTMENT', t('supportRound.departments')),
  ];
  const update = (key: number, change: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const check = (): string[] => {
    const found: string[] = [];
    if (!round && POOL_CODES.every((c) => !pools[c] || BigInt(pools[c]) === 0n)) found.push(t('supportRound.problems.noPool'));
    if (rows.length === 0) found.push(t('supportRound.problems.noCandidate'));
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const no = i + 1;
      if (!r.unitId) found.push(t('supportRound.problems.unit', { no }));
      else if (seen.has(r.unitId)) found.push(t('supportRound.problems.duplicate', { no, unit: nameOf(r.unitId) }));
      seen.add(r.unitId);
      if (!r.asked) found.push(t('supportRound.problems.asked', { no }));
      else if (r.minimum && BigInt(r.minimum) > BigInt(r.asked)) found.push(t('supportRound.problems.minimum', { no }));
    });
    return found;
  };

  const problems = tried ? check() : [];
  const save = async () => {
    setTried(true);
    setError(null);
    if (check().length > 0) return;
    setBusy(true);
    const candidates = rows.map((r) => ({ unitId: r.unitId, hardshipTier: Number(r.tier), asked: r.asked, ...(r.minimum ? { minimum: r.minimum } : {}) }));
    try {
      if (round) {
        await ok(
          api.PUT('/fiscal-years/{year}/support-rounds/{id}/candidates', {
            params: { path: { year: year!, id: round.id } },
            body: { candidates, version: round.version },
          }),
        );
      } else {
        const chosen = Object.fromEntries(POOL_CODES.filter((c) => pools[c] !== '').map((c) => [c, pools[c]]));
        await ok(api.POST('/fiscal-years/{year}/support-rounds', { params: { path: { year: year! } }, body: { pools: chosen, roundingUnit: rounding, candidates } }));
      }
      await onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" data-testid="support-form">
      <Stack>
        <div>
          <Title order={3} size="h4">
            {round ? t('supportRound.editTitle') : t('supportRound.openTitle', { year })}
          </Title>
          <Text size="sm" c="dimmed">
            {round ? t('supportRound.editHelp') : t('supportRound.openHelp')}
          </Text>
        </div>
        {!round && (
          <Group align="flex-end">
            {POOL_CODES.map((code) => (
              <MoneyInput key={code} label={t(`sources.${code}`)} value={pools[code]} onChange={(v) => setPools((p) => ({ ...p, [code]: v }))} w={240} />
            ))}
            <NativeSelect
              label={t('supportRound.rounding')}
              value={rounding}
              onChange={(ev) => setRounding(ev.currentTarget.value)}
              data={ROUNDING.map((v) => ({ value: v, label: formatVnd(v) }))}
            />
          </Group>
        )}
        <Table data-testid="candidate-rows" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('prov.unit')}</Table.Th>
              <Table.Th>
                {t('supportRound.tier')}
                <Text size="xs" c="dimmed" fw={400}>
                  {t('supportRound.tierHelp')}
                </Text>
              </Table.Th>
              <Table.Th>{t('supportRound.asked')}</Table.Th>
              <Table.Th>{t('supportRound.minimum')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r, i) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <NativeSelect aria-label={t('supportRound.unitFor', { no: i + 1 })} value={r.unitId} data={unitOptions} onChange={(ev) => update(r.key, { unitId: ev.currentTarget.value })} w={280} />
                </Table.Td>
                <Table.Td>
                  <NativeSelect aria-label={t('supportRound.tierFor', { no: i + 1 })} value={r.tier} data={TIERS} onChange={(ev) => update(r.key, { tier: ev.currentTarget.value })} w={80} />
                </Table.Td>
                <Table.Td>
                  <MoneyInput aria-label={t('supportRound.askedFor', { no: i + 1 })} value={r.asked} onChange={(v) => update(r.key, { asked: v })} w={200} />
                </Table.Td>
                <Table.Td>
                  <MoneyInput aria-label={t('supportRound.minimumFor', { no: i + 1 })} value={r.minimum} onChange={(v) => update(r.key, { minimum: v })} w={200} />
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="gray" aria-label={t('supportRound.removeCandidate', { no: i + 1 })} onClick={() => setRows((rs) => rs.filter((x) => x.key !== r.key))}>
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Group>
          <Button variant="default" onClick={() => setRows((rs) => [...rs, emptyRow()])}>
            {t('supportRound.addCandidate')}
          </Button>
        </Group>
        {problems.length > 0 && (
          <Alert color="red" role="alert" title={problems[0]}>
            {problems.slice(1).map((p) => (
              <div key={p}>{p}</div>
            ))}
          </Alert>
        )}
        {error !== null && <ErrorAlert error={error} />}
        <Group>
          <Button onClick={() => void save()} loading={busy}>
            {round ? t('supportRound.saveCandidates') : t('supportRound.open')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
