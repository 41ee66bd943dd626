// The auditor's screen (also DOF's and the chair's): the chain's verification and the anchor's state
// in plain words, then the audit trail filtered by unit, subject, actor and time, newest first, each
// event written as a sentence with names (who, what, on which estimate or line), page by page.
import { Alert, Button, Group, List, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api, ok } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime, parseVnDate } from '../../ui/format';
import { Loading } from '../../ui/Loading';
import { yearSettingChanges } from './yearChanges';

type TrailEvent = components['schemas']['AuditTrailEventDto'];

const PAGE = 20;
const ENTITY_TYPES = ['estimate', 'estimate_line', 'budget', 'fiscal_year', 'balancing_run', 'support_round', 'progress_report', 'progress_deadline', 'plan_target', 'user'] as const;
type EntityType = (typeof ENTITY_TYPES)[number];

/** What an event is about, in words: the unit's estimate of a year, a line by number and description, a run by name. */
export function subjectOf(event: TrailEvent, t: TFunction): string {
  const s = event.subject;
  const unit = event.unitName ?? '—';
  const year = s.year ?? '—';
  const half = s.half ? t(`dash.halfLong.${s.half}`, { year }) : '—';
  switch (event.entityType) {
    case 'estimate':
      return t('dash.audit.subject.estimate', { year, unit });
    case 'estimate_line':
      return t('dash.audit.subject.estimate_line', { no: s.lineNo ?? '—', description: s.description ?? '—', year, unit });
    case 'budget':
      return event.unitName ? t('dash.audit.subject.budgetUnit', { year, unit }) : t('dash.audit.subject.budget', { year });
    case 'fiscal_year':
      return t('dash.audit.subject.fiscal_year', { year });
    case 'balancing_run':
      return t('dash.audit.subject.balancing_run', { name: s.name ?? '—', year });
    case 'support_round':
      return event.unitName ? t('dash.audit.subject.supportUnit', { year, unit }) : t('dash.audit.subject.support_round', { year });
    case 'progress_report':
      return t('dash.audit.subject.progress_report', { half, unit });
    case 'progress_deadline':
      return t('dash.audit.subject.progress_deadline', { half });
    case 'plan_target':
      return t('dash.audit.subject.plan_target', { name: s.name ?? '—' });
    case 'user':
      return t('dash.audit.subject.user', { name: s.name ?? '—' });
    default:
      return t(`dash.audit.entities.${event.entityType}`, { defaultValue: event.entityType });
  }
}

/** What a change of year settings changed: each setting old → new. */
function SettingChanges({ event }: { event: TrailEvent }) {
  const { t } = useTranslation();
  const changes = yearSettingChanges(event.before, event.after, t);
  if (changes.length === 0) return null;
  return (
    <List size="xs" spacing={0} data-testid="setting-changes" aria-label={t('dash.audit.changes')}>
      {changes.map((change) => (
        <List.Item key={change.key}>
          {change.label}: {change.from} → {change.to}
        </List.Item>
      ))}
    </List>
  );
}

/** A checkpoint's reason (`seal`, `every-100`, a budget decision's action) in words. */
function checkpointReason(reason: string, t: TFunction): string {
  if (reason === 'seal') return t('dash.audit.chain.reasons.seal');
  if (reason.startsWith('every-')) return t('dash.audit.chain.reasons.every');
  return `${t('dash.audit.chain.reasons.decision')}: ${t(`dash.audit.actions.${reason}`, { defaultValue: reason })}`;
}

/** Saves JSON or text the page already holds as a file. */
function saveText(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function ChainState() {
  const { t } = useTranslation();
  const verify = useQuery({ queryKey: ['audit', 'verify'], queryFn: () => ok(api.GET('/audit/verify')), staleTime: 0 });
  const checkpoints = useQuery({ queryKey: ['audit', 'checkpoints'], queryFn: () => ok(api.GET('/audit/checkpoints', { params: { query: { limit: 1 } } })) });
  // The time of the last intact event: when the chain is whole it is the newest event.
  const newest = useQuery({ queryKey: ['audit', 'newest'], queryFn: () => ok(api.GET('/audit', { params: { query: { order: 'desc', limit: 1 } } })) });
  const [checkedAt, setCheckedAt] = useState(() => new Date().toISOString());
  const [error, setError] = useState<unknown>(null);

  if (verify.isPending || checkpoints.isPending) return <Loading />;
  if (verify.isError) return <ErrorAlert error={verify.error} onRetry={() => void verify.refetch()} />;
  const v = verify.data;
  const latest = checkpoints.data?.items.at(-1);
  const head = newest.data?.items[0];
  const headAt = head && v.head && head.seq === v.head.seq ? formatDateTime(head.occurredAt) : '—';
  const problem = v.firstBreak ? t(`dash.audit.chain.problems.${v.firstBreak.problem}`, { defaultValue: v.firstBreak.problem }) : '';
  return (
    <Paper withBorder p="md" data-testid="chain">
      <Group justify="space-between" align="flex-start">
        <Title order={3} size="h4">
          {t('dash.audit.chain.title')}
        </Title>
        <Button
          size="xs"
          variant="default"
          loading={verify.isFetching}
          onClick={() => {
            setCheckedAt(new Date().toISOString());
            void verify.refetch();
            void checkpoints.refetch();
            void newest.refetch();
          }}
        >
          {t('dash.audit.chain.verify')}
        </Button>
      </Group>
      {v.valid ? (
        <Alert color="green" mt="xs" data-testid="chain-state" title={v.head ? t('dash.audit.chain.valid', { checked: v.checked, seq: v.head.seq, at: headAt }) : t('dash.audit.chain.validEmpty')}>
          {t('dash.audit.chain.checkedAt', { at: formatDateTime(checkedAt), count: v.checkpoints })}
        </Alert>
      ) : (
        <Alert color="red" mt="xs" data-testid="chain-state" title={t('dash.audit.chain.broken', { seq: v.firstBreak?.seq ?? '—', problem })}>
          {t('dash.audit.chain.brokenNote', { checked: v.checked })} {t('dash.audit.chain.checkedAt', { at: formatDateTime(checkedAt), count: v.checkpoints })}
        </Alert>
      )}
      <Text size="sm" mt="xs" data-testid="anchor">
        {latest ? t('dash.audit.chain.anchor', { seq: latest.seq, at: formatDateTime(latest.signedAt), reason: checkpointReason(latest.reason, t) }) : t('dash.audit.chain.noAnchor')}
      </Text>
      <Group mt="xs">
        <Button size="xs" variant="light" disabled={!latest} onClick={() => latest && saveText(JSON.stringify([latest], null, 2), `audit-checkpoint-${latest.seq}.json`, 'application/json')}>
          {t('dash.audit.chain.keep')}
        </Button>
        <Button
          size="xs"
          variant="light"
          onClick={() => {
            setError(null);
            ok(api.GET('/audit/public-key'))
              .then((key) => saveText(key.publicKey, `audit-public-key-${key.keyId}.pem`, 'application/x-pem-file'))
              .catch(setError);
          }}
        >
          {t('dash.audit.chain.publicKey')}
        </Button>
        <Text size="xs" c="dimmed" maw={640}>
          {t('dash.audit.chain.keepNote')}
        </Text>
      </Group>
      {error !== null && <ErrorAlert error={error} />}
    </Paper>
  );
}

interface Filters {
  unitId: string;
  entityType: EntityType | '';
  actorId: string;
  from: string;
  to: string;
}
const NO_FILTERS: Filters = { unitId: '', entityType: '', actorId: '', from: '', to: '' };

/** dd/mm/yyyy in Vietnam's calendar → the instant that day starts there (ISO), `days` later. */
function vnDayStart(iso: string, days = 0): string {
  const date = new Date(`${iso}T00:00:00+07:00`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString();
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Filters>(NO_FILTERS);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [dateErrors, setDateErrors] = useState<{ from?: string; to?: string }>({});
  const [offset, setOffset] = useState(0);
  const units = useQuery({ queryKey: ['units'], queryFn: () => ok(api.GET('/units')) });
  const actors = useQuery({ queryKey: ['audit', 'actors'], queryFn: () => ok(api.GET('/audit/actors')) });
  const from = parseVnDate(filters.from);
  const to = parseVnDate(filters.to);
  const page = useQuery({
    queryKey: ['audit', 'page', filters, offset],
    queryFn: () =>
      ok(
        api.GET('/audit', {
          params: {
            query: {
              order: 'desc',
              limit: PAGE,
              offset,
              ...(filters.unitId ? { unitId: filters.unitId } : {}),
              ...(filters.entityType ? { entityType: filters.entityType } : {}),
              ...(filters.actorId ? { actorId: filters.actorId } : {}),
              ...(from ? { from: vnDayStart(from) } : {}),
              // The "to" day is included: up to the start of the next day in Vietnam.
              ...(to ? { to: vnDayStart(to, 1) } : {}),
            },
          },
        }),
      ),
  });

  const apply = (e: FormEvent) => {
    e.preventDefault();
    const problems: { from?: string; to?: string } = {};
    if (draft.from.trim() && !parseVnDate(draft.from)) problems.from = t('dash.audit.dateInvalid');
    if (draft.to.trim() && !parseVnDate(draft.to)) problems.to = t('dash.audit.dateInvalid');
    setDateErrors(problems);
    if (problems.from || problems.to) return;
    setFilters(draft);
    setOffset(0);
  };
  const unitName = (u: { name: string; nameEn: string }) => (i18n.language === 'en' ? u.nameEn : u.name);
  const unitOptions = [...(units.data ?? [])].sort((a, b) => unitName(a).localeCompare(unitName(b), 'vi'));

  return (
    <Stack>
      <Title order={2}>{t('dash.audit.title')}</Title>
      <ChainState />
      <Paper withBorder p="md" component="form" onSubmit={apply} aria-label={t('dash.audit.apply')}>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('dash.audit.unit')}
            value={draft.unitId}
            onChange={(e) => setDraft({ ...draft, unitId: e.currentTarget.value })}
            data={[{ value: '', label: t('dash.audit.any') }, ...unitOptions.map((u) => ({ value: u.id, label: unitName(u) }))]}
            w={260}
          />
          <NativeSelect
            label={t('dash.audit.entity')}
            value={draft.entityType}
            onChange={(e) => setDraft({ ...draft, entityType: e.currentTarget.value as EntityType | '' })}
            data={[{ value: '', label: t('dash.audit.any') }, ...ENTITY_TYPES.map((type) => ({ value: type, label: t(`dash.audit.entities.${type}`) }))]}
            w={200}
          />
          <NativeSelect
            label={t('dash.audit.actor')}
            value={draft.actorId}
            onChange={(e) => setDraft({ ...draft, actorId: e.currentTarget.value })}
            data={[{ value: '', label: t('dash.audit.any') }, ...(actors.data?.items ?? []).map((a) => ({ value: a.actorId, label: a.fullName ?? a.username ?? '—' }))]}
            w={240}
          />
          <TextInput label={t('dash.audit.from')} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })} error={dateErrors.from} placeholder={t('dash.audit.datePlaceholder')} w={140} />
          <TextInput label={t('dash.audit.to')} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })} error={dateErrors.to} placeholder={t('dash.audit.datePlaceholder')} w={140} />
          <Button type="submit">{t('dash.audit.apply')}</Button>
          <Button
            variant="default"
            onClick={() => {
              setDraft(NO_FILTERS);
              setFilters(NO_FILTERS);
              setDateErrors({});
              setOffset(0);
            }}
          >
            {t('dash.audit.clear')}
          </Button>
        </Group>
      </Paper>
      {page.isPending ? (
        <Loading />
      ) : page.isError ? (
        <ErrorAlert error={page.error} onRetry={() => void page.refetch()} />
      ) : page.data.total === 0 ? (
        <Alert data-testid="trail-empty">{t('dash.audit.empty')}</Alert>
      ) : (
        <>
          <Group justify="space-between">
            <Text size="sm" data-testid="trail-count">
              {t('dash.audit.count', { first: offset + 1, last: offset + page.data.items.length, total: page.data.total })}
            </Text>
            <Group gap="xs">
              <Button size="xs" variant="default" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('dash.audit.previous')}
              </Button>
              <Button size="xs" variant="default" disabled={offset + PAGE >= page.data.total} onClick={() => setOffset(offset + PAGE)}>
                {t('dash.audit.next')}
              </Button>
            </Group>
          </Group>
          <Table striped withTableBorder fz="sm" verticalSpacing={4} data-testid="trail">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60} ta="right">
                  {t('dash.audit.seq')}
                </Table.Th>
                <Table.Th w={140}>{t('dash.audit.when')}</Table.Th>
                <Table.Th w={220}>{t('dash.audit.who')}</Table.Th>
                <Table.Th>{t('dash.audit.what')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data.items.map((event) => (
                <Table.Tr key={event.seq}>
                  <Table.Td ta="right">{event.seq}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.occurredAt)}</Table.Td>
                  <Table.Td>
                    {event.actorFullName ?? event.actorName ?? '—'}
                    {event.actorFullName && event.actorName && (
                      <Text span size="xs" c="dimmed" display="block">
                        {event.actorName}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {t(`dash.audit.actions.${event.action}`, { defaultValue: event.action })} {subjectOf(event, t)}
                    {event.action === 'year.update' && <SettingChanges event={event} />}
                    {event.reason && (
                      <Text size="xs" c="dimmed">
                        {t('dash.audit.reason', { reason: event.reason })}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
