// The estimate editor: the lines as an editable grid grouped as the annex groups them, totals always
// in view, and the full line form for what the grid does not show (and for a new line). Every change
// carries the version it was based on; a 409 opens the conflict dialog, for the grid as for the form.
import { Alert, Anchor, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError, ok } from '../../api/client';
import type { Catalog, Estimate, Line } from '../../api/types';
import { useSession } from '../../app/session';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Loading } from '../../ui/Loading';
import { StatusBadge } from '../../ui/StatusBadge';
import { ConflictDialog } from './ConflictDialog';
import { LineForm } from './LineForm';
import { LinesGrid } from './LinesGrid';
import { bodyOf, draftOf, emptyDraft, mergeTyped, otherChanges, type LineDraft } from './lineDraft';
import { estimateKey, useCatalog, useEstimate, useMyEstimateItem } from './queries';
import { TotalsPanel } from './TotalsPanel';
import { type GridConflict, useGridEdits } from './useGridEdits';

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

export default function EditorPage() {
  const { t } = useTranslation();
  const { year } = useSession();
  const item = useMyEstimateItem();
  const estimate = useEstimate(item.data?.id);
  const catalog = useCatalog();

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
  return <Editor key={estimate.data.id} estimate={estimate.data} catalog={catalog.data} />;
}

function Editor({ estimate: e, catalog }: { estimate: Estimate; catalog: Catalog }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [gridConflict, setGridConflict] = useState<GridConflict | null>(null);
  const grid = useGridEdits(e.id, setGridConflict);
  // Handlers handed to the grid stay the same functions (so its rows stay memoised) and read the
  // estimate as it is when they run.
  const latest = useRef(e);
  latest.current = e;

  const stored = (fresh: Estimate) => {
    queryClient.setQueryData(estimateKey(fresh.id), fresh);
    void queryClient.invalidateQueries({ queryKey: ['my-estimate'], refetchType: 'none' });
  };

  const save = useMutation({
    mutationFn: async (job: Editing): Promise<Estimate> => {
      const body = { ...bodyOf(job.draft), version: job.baseVersion };
      return job.lineId
        ? await ok(api.PATCH('/estimates/{id}/lines/{lineId}', { params: { path: { id: e.id, lineId: job.lineId } }, body }))
        : await ok(api.POST('/estimates/{id}/lines', { params: { path: { id: e.id } }, body }));
    },
    onSuccess: (fresh) => {
      stored(fresh);
      setEditing(null);
    },
    onError: async (error, job) => {
      if (!(error instanceof ApiError) || error.status !== 409 || error.code !== 'STALE_VERSION') return;
      const before = latest.current;
      const fresh = await ok(api.GET('/estimates/{id}', { params: { path: { id: before.id } } }));
      const line = job.lineId ? fresh.lines.find((l) => l.id === job.lineId) : undefined;
      setConflict({ fresh, current: line ? draftOf(line) : null, otherChanges: otherChanges(before, fresh, job.lineId) });
    },
  });

  const remove = useMutation({
    mutationFn: async (line: Line): Promise<Estimate> => {
      const now = latest.current;
      return await ok(
        api.DELETE('/estimates/{id}/lines/{lineId}', { params: { path: { id: now.id, lineId: line.id }, query: { version: now.version } } }),
      );
    },
    onSuccess: stored,
  });
  const resetSave = save.reset;
  const removeLine = remove.mutate;

  const open = useCallback(
    (line: Line | null) => {
      resetSave();
      const base = line ? draftOf(line) : null;
      setEditing({ lineId: line?.id ?? null, base, baseVersion: latest.current.version, draft: base ?? emptyDraft() });
    },
    [resetSave],
  );
  const confirmDelete = useCallback(
    (line: Line) =>
      modals.openConfirmModal({
        title: t('line.deleteTitle', { no: line.lineNo }),
        children: <Text size="sm">{line.description}</Text>,
        labels: { confirm: t('line.delete'), cancel: t('common.cancel') },
        confirmProps: { color: 'red.9' },
        onConfirm: () => removeLine(line),
      }),
    [t, removeLine],
  );

  const editable = EDITABLE.includes(e.status);
  const gridEdit = gridConflict ? grid.edits[gridConflict.lineId] : undefined;

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
            <>
              {editable && (
                <Text id="lines-grid-help" size="xs" c="dimmed" mb={6}>
                  {t('editor.gridHelp')}
                </Text>
              )}
              <LinesGrid
                lines={e.lines}
                catalog={catalog}
                editable={editable}
                edits={grid.edits}
                onCommit={grid.commit}
                onRetry={grid.retry}
                onRevert={grid.revert}
                onEdit={open}
                onDelete={confirmDelete}
              />
            </>
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 'content' }} w={{ lg: 250 }}>
          <TotalsPanel estimate={e} catalog={catalog} />
        </Grid.Col>
      </Grid>
      {editing && (
        <LineForm
          opened={!conflict}
          title={editing.lineId ? t('line.editTitle') : t('line.addTitle')}
          catalog={catalog}
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
          catalog={catalog}
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
      {gridConflict && gridEdit && (
        <ConflictDialog
          opened
          catalog={catalog}
          base={gridEdit.base}
          current={gridConflict.current}
          typed={{ ...gridEdit.base, ...gridEdit.typed }}
          otherChanges={gridConflict.otherChanges}
          onKeepMine={() => {
            grid.keepMine(gridConflict);
            setGridConflict(null);
          }}
          onTakeTheirs={() => {
            grid.takeTheirs(gridConflict);
            setGridConflict(null);
          }}
        />
      )}
    </Stack>
  );
}
