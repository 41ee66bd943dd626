// The rules an estimate meets before the head submits it come from the server
// (GET /estimates/{id}/checklist: the same rules submit applies, each with its state and in words);
// the screens only show them. The date helpers serve My work's "days left".
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import type { Estimate } from '../../api/types';

/** The server's checklist for this version of the estimate (asked again whenever the version moves). */
export function useChecklist(estimate: Pick<Estimate, 'id' | 'version'> | undefined) {
  return useQuery({
    queryKey: ['checklist', estimate?.id ?? '', estimate?.version ?? 0],
    enabled: !!estimate,
    queryFn: () => ok(api.GET('/estimates/{id}/checklist', { params: { path: { id: estimate!.id } } })),
  });
}

/** Today's date in Vietnam's calendar (the calendar deadlines are written in), `YYYY-MM-DD`. */
export function vietnamToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(now);
}

/** Whole days from `today` to `deadline` (both `YYYY-MM-DD`); negative once past. */
export function daysUntil(deadline: string, today: string): number {
  const day = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((day(deadline) - day(today)) / 86_400_000);
}
