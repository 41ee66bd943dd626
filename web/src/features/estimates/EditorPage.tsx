// The estimate editor: the lines grouped as the annex groups them, a form per line, totals always
// in view. Every change carries the version it was based on; a 409 opens the conflict dialog.
import { Alert, Anchor, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, ok } from '../../api/client';
import type { Estimate, Line } from '../../api/types';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { StatusBadge } from '../../ui/StatusBadge';
import { ConflictDialog } from './ConflictDialog';
import { LineForm } from './LineForm';
import { LinesGrid } from './LinesGrid';
import { bodyOf, draftOf, emptyDraft, mergeTyped, type LineDraft } from './lineDraft';
import { estimateKey, useCatalog, useEstimate, useMyEstimateItem } from './queries';
import { TotalsPanel } from './TotalsPanel';

interface Editing {
  lineId: string | null;
  /** The line when the form opened (null for a new line) and the estimate version it came from. */
  base: LineDraft | null;
  baseVersion: number;
  draft: LineDraft;
}

interface Conflict {
  current: LineDraft | null;
  otherChanges: number;
  fresh: Estimate;
}

const EDITABLE = ['DRAFT', 'RETURNED'];

/** Lines other than `lineId` that differ between two versions of an estimate. */
function otherChanges(before: Estimate, after: Estimate, lineId: string | null): number {
  const key = (l: Line) => JSON.stringify(draftOf(l));
  const was = new Map(before.lines.filter((l) => l.id !== lineId).map((l) => [l.id, key(l)]));
  const now = new Map(after.lines.filter((l) => l.id !== lineId).map((l) => [l.id, key(l)]));
  let count = 0;
  for (const [id, value] of now) if (was.get(id) !== value) count += 1;
  for (const id of was.keys()) if (!now.has(id)) count += 1;
  return count;
}

export default function EditorPage() {
  const { t } = useTranslation();
  const { year } = useSession();
  const item = useMyEstimateItem();
  const estimate = useEstimate(item.data?.id);
  const catalog = useCatalog();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const save = useMutation({
    mutationFn: async (job: Editing): Promise<Estimate> => {
      const id = item.data!.id;
      const body = { ...bodyOf(job.draft), version: job.baseVersion };
      const answer = job.lineId
        ? await ok(api.PATCH('/estimates/{id}/lines/{lineId}', { params: { path: { id, lineId: job.lineId } }, body }))
        : await ok(api.POST('/estimates/{id}/lines', { params: { path: { id } }, body }));
      return answer;
    },
    onSuccess: (fresh) => {
      queryClient.setQueryData(estimateKey(fresh.id), fresh);
      void queryClient.invalidateQueries({ queryKey: ['my-estimate'] });
      setEditing(null);
    },
    onError: async (error, job) => {
      if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'STALE_VERSION') return;
      const before = estimate.data!;
      const fresh = await ok(api.GET('/estimates/{id}', { params: { path: { id: before.id } } }));
      const line = job.lineId ? fresh.lines.find((l) => l.id === job.lineId) : undefined;
      setConflict({ fresh, current: line ? draftOf(line) : null, otherChanges: otherChanges(before, fresh, job.lineId) });
    },
  });

  const remove = useMutation({
    mutationFn: async (line: Line): Promise<Estimate> => {
      const e = estimate.data!;
      return await ok(
        api.DELETE('/estimates/{id}/lines/{lineId}', { params: { path: { id: e.id, lineId: line.id }, query: { version: e.version } } }),
      );
    },
    onSuccess: (fresh) => {
      queryClient.setQueryData(estimateKey(fresh.id), fresh);
      void queryClient.invalidateQueries({ queryKey: ['my-estimate'] });
    },
  });

  if (item.isPending || catalog.isPending || (item.data && estimate.isPending)) return <Loading />;
  if (item.isError) return <ErrorAlert error={item.error} onRetry={() => void item.refetch()} />;
  if (catalog.isError) return <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} />;
  if (estimate.isError) return <ErrorAlert error={estimate.error} onRetry={() => void estimate.refetch()} />;
  if (!item.data || !estimate.data) {
    return (
      <Alert title={t('work.noEstimate', { year })}>
        <Anchor component={Link} to="/">
          {t('nav.work')}
        </Anchor>
      </Alert>
    );
  }

  const e = estimate.data;
  const editable = EDITABLE.includes(e.status);
  const open = (line: Line | null) => {
    save.reset();
    const base = line ? draftOf(line) : null;
    setEditing({ lineId: line?.id ?? null, base, baseVersion: e.version, draft: base ?? emptyDraft() });
  };
  const confirmDelete = (line: Line) =>
    modals.openConfirmModal({
      title: t('line.deleteTitle', { no: line.lineNo }),
      children: <Text size="sm">{line.description}</Text>,
      labels: { confirm: t('line.delete'), cancel: t('common.cancel') },
      confirmProps: { color: 'red.9' },
      onConfirm: () => remove.mutate(line),
    });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('editor.title', { year: e.year })}</Title>
          <Text c="dimmed">{e.unit.name}</Text>
        </div>
        <Group>
          <StatusBadge status={e.status} />
          {editable && <Button onClick={() => open(null)}>{t('line.add')}</Button>}
        </Group>
      </Group>
      {!editable && <Alert>{t('editor.locked')}</Alert>}
      {e.returnComment && e.status === 'RETURNED' && (
        <Alert color="orange" title={t('work.returnComment')}>
          {e.returnComment}
        </Alert>
      )}
      {remove.isError && <ErrorAlert error={remove.error} />}
      <Grid gap="md" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 'auto' }} miw={0}>
          {e.lines.length === 0 ? (
            <Alert>{t('editor.empty')}</Alert>
          ) : (
            <LinesGrid lines={e.lines} catalog={catalog.data} editable={editable} onEdit={open} onDelete={confirmDelete} />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 'content' }} w={{ lg: 290 }}>
          <TotalsPanel estimate={e} catalog={catalog.data} />
        </Grid.Col>
      </Grid>
      {editing && (
        <LineForm
          opened={!conflict}
          title={editing.lineId ? t('line.editTitle') : t('line.addTitle')}
          catalog={catalog.data}
          draft={editing.draft}
          onChange={(draft) => setEditing({ ...editing, draft })}
          onSave={() => save.mutate(editing)}
          onCancel={() => setEditing(null)}
          saving={save.isPending}
          error={save.isError && !conflict && !(save.error instanceof ApiError && save.error.code === 'STALE_VERSION') ? save.error : null}
        />
      )}
      {editing && conflict && (
        <ConflictDialog
          opened
          catalog={catalog.data}
          base={editing.base}
          current={conflict.current}
          typed={editing.draft}
          otherChanges={conflict.otherChanges}
          onKeepMine={() => {
            // Reload: the form now stands on the fresh version and keeps everything typed.
            queryClient.setQueryData(estimateKey(conflict.fresh.id), conflict.fresh);
            // Fields the officer changed keep their typing; the others take the current values.
            const lineGone = editing.lineId !== null && conflict.current === null;
            const draft = mergeTyped(editing.base, editing.draft, conflict.current);
            setEditing({ lineId: lineGone ? null : editing.lineId, base: conflict.current, baseVersion: conflict.fresh.version, draft });
            save.reset();
            setConflict(null);
          }}
          onTakeTheirs={() => {
            queryClient.setQueryData(estimateKey(conflict.fresh.id), conflict.fresh);
            setEditing({ ...editing, base: conflict.current, draft: conflict.current!, baseVersion: conflict.fresh.version });
            save.reset();
            setConflict(null);
          }}
        />
      )}
    </Stack>
  );
}
