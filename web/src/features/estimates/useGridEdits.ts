// What the officer typed in the grid and not yet saved, per line, and the saving of it: one PATCH
// per committed cell, one at a time (each carries the estimate version the previous answer left),
// the answer written into the react-query cache instead of a refetch. A typed value is never
// dropped on an error: it stays in its cell with the server's message, or, on a 409, goes through
// the conflict dialog.
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { api, ApiError, ok } from '../../api/client';
import type { Estimate, Line, UpdateLineBody } from '../../api/types';
import { bodyOf, draftOf, mergeTyped, otherChanges, type LineDraft } from './lineDraft';
import { estimateKey } from './queries';

/** One line's unsaved typing. */
export interface RowEdit {
  /** The line as the server held it when this typing began (what a 409 compares against). */
  base: LineDraft;
  /** Only the fields typed, each as the form keeps it (digit strings for money). */
  typed: Partial<LineDraft>;
  /** saving: a PATCH is queued or under way; unsaved: waits for the officer (after a 409); error: refused. */
  state: 'saving' | 'unsaved' | 'error';
  error: unknown;
}

export type RowEdits = Readonly<Record<string, RowEdit>>;

/** A 409 met while saving a line of the grid: what the dialog needs. */
export interface GridConflict {
  lineId: string;
  fresh: Estimate;
  current: LineDraft | null;
  otherChanges: number;
}

/** The request body for the typed fields only (a PATCH changes what it names). */
export function patchOf(base: LineDraft, typed: Partial<LineDraft>): Partial<ReturnType<typeof bodyOf>> {
  const whole = bodyOf({ ...base, ...typed });
  return Object.fromEntries(Object.keys(typed).map((field) => [field, whole[field as keyof typeof whole]]));
}

export function useGridEdits(estimateId: string, onConflict: (conflict: GridConflict) => void) {
  const queryClient = useQueryClient();
  const [edits, setEdits] = useState<RowEdits>({});
  // The authoritative copy: saves read it when their turn comes, after the typing that queued them.
  const current = useRef<RowEdits>({});
  const queue = useRef<Promise<void>>(Promise.resolve());
  const conflictRef = useRef(onConflict);
  conflictRef.current = onConflict;

  const update = useCallback((lineId: string, next: (edit: RowEdit | undefined) => RowEdit | undefined) => {
    const { [lineId]: was, ...others } = current.current;
    const now = next(was);
    current.current = now ? { ...others, [lineId]: now } : others;
    setEdits(current.current);
  }, []);

  const cached = useCallback(() => queryClient.getQueryData<Estimate>(estimateKey(estimateId))!, [queryClient, estimateId]);

  const store = useCallback(
    (fresh: Estimate) => {
      // Structural sharing keeps every unchanged line the same object, so only the changed row re-renders.
      queryClient.setQueryData(estimateKey(fresh.id), fresh);
      // The list item (My work's total) is refetched when next shown, not after every keystroke's save.
      void queryClient.invalidateQueries({ queryKey: ['my-estimate'], refetchType: 'none' });
    },
    [queryClient],
  );

  const save = useCallback(
    async (lineId: string) => {
      const edit = current.current[lineId];
      if (!edit || edit.state !== 'saving') return;
      const before = cached();
      const sent = edit.typed;
      try {
        const fresh = await ok(
          api.PATCH('/estimates/{id}/lines/{lineId}', {
            params: { path: { id: estimateId, lineId } },
            // Only the typed fields: the API changes what the body names (see UpdateLineBody).
            body: { ...patchOf(edit.base, sent), version: before.version } as UpdateLineBody,
          }),
        );
        store(fresh);
        const line = fresh.lines.find((l) => l.id === lineId);
        update(lineId, (now) => {
          if (!now || !line) return undefined;
          // Typing that arrived while this save was under way stays (its own save is queued).
          const left = Object.fromEntries(Object.entries(now.typed).filter(([field, value]) => sent[field as keyof LineDraft] !== value));
          return Object.keys(left).length === 0 ? undefined : { ...now, base: draftOf(line), typed: left };
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409 && error.code === 'STALE_VERSION') {
          const fresh = await ok(api.GET('/estimates/{id}', { params: { path: { id: estimateId } } }));
          const line = fresh.lines.find((l) => l.id === lineId);
          update(lineId, (now) => now && { ...now, state: 'unsaved', error: null });
          conflictRef.current({ lineId, fresh, current: line ? draftOf(line) : null, otherChanges: otherChanges(before, fresh, lineId) });
          return;
        }
        update(lineId, (now) => now && { ...now, state: 'error', error });
      }
    },
    [cached, estimateId, store, update],
  );

  const enqueue = useCallback(
    (lineId: string) => {
      queue.current = queue.current.then(() => save(lineId));
    },
    [save],
  );

  /** A cell's value committed (Enter, Tab or leaving the cell): saved at once when it differs. */
  const commit = useCallback(
    (line: Line, field: keyof LineDraft, value: string) => {
      const edit = current.current[line.id];
      const base = edit?.base ?? draftOf(line);
      const typed: Partial<LineDraft> = { ...edit?.typed, [field]: value };
      if (base[field] === value) delete typed[field];
      if (Object.keys(typed).length === 0) {
        update(line.id, () => undefined);
        return;
      }
      // The same value already on its way: nothing new to send.
      if (edit && edit.typed[field] === value && edit.state === 'saving') return;
      update(line.id, () => ({ base, typed, state: 'saving', error: null }));
      enqueue(line.id);
    },
    [enqueue, update],
  );

  /** Saves a line's typing again (after a refusal or a 409 reload). */
  const retry = useCallback(
    (lineId: string) => {
      update(lineId, (now) => now && { ...now, state: 'saving', error: null });
      enqueue(lineId);
    },
    [enqueue, update],
  );

  /** Drops a line's typing: the cells show the saved values again. */
  const revert = useCallback((lineId: string) => update(lineId, () => undefined), [update]);

  /** After a 409: reload, keeping the fields the officer typed over the line as it is now. */
  const keepMine = useCallback(
    (conflict: GridConflict) => {
      store(conflict.fresh);
      update(conflict.lineId, (now) => {
        if (!now || !conflict.current) return undefined;
        const merged = mergeTyped(now.base, { ...now.base, ...now.typed }, conflict.current);
        const typed = Object.fromEntries(Object.keys(now.typed).map((field) => [field, merged[field as keyof LineDraft]]));
        return { base: conflict.current, typed, state: 'unsaved', error: null };
      });
    },
    [store, update],
  );

  /** After a 409: take the line as it is now and drop the typing. */
  const takeTheirs = useCallback(
    (conflict: GridConflict) => {
      store(conflict.fresh);
      update(conflict.lineId, () => undefined);
    },
    [store, update],
  );

  return { edits, commit, retry, revert, keepMine, takeTheirs };
}
