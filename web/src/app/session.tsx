// Who is signed in and which fiscal year they look at: one context the shell and every screen read.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, getToken, ok, setToken, whenSignedOut } from '../api/client';
import type { FiscalYear, Me } from '../api/types';
import { forgetReturnTo } from './returnTo';

interface Session {
  me: Me | null;
  loading: boolean;
  signIn: (username: string, password: string) => Promise<void>;
  /** The user pressed "sign out": the shell must not remember the page for the next user. */
  signOut: () => void;
  /** True after an explicit sign-out until the next sign-in (false for an expired session). */
  signedOut: boolean;
  years: FiscalYear[];
  year: number | null;
  setYear: (year: number) => void;
}

const SessionContext = createContext<Session | null>(null);

/** Where a user's chosen year is kept in this browser: one key per user, so a shared computer keeps each one's. */
const yearKey = (userId: string) => `itbudget.year.${userId}`;

function storedYear(userId: string | undefined): number | null {
  if (!userId) return null;
  const stored = Number(localStorage.getItem(yearKey(userId)));
  return Number.isInteger(stored) && stored > 0 ? stored : null;
}

/**
 * The year shown first when the user has not chosen one: the year being prepared (its submission
 * deadline is the nearest ahead), else the current budget year when it is set up, else the latest
 * year holding estimates the user may see (`latestWithEstimates`), else the latest year.
 */
export function defaultYear(
  years: readonly FiscalYear[],
  latestWithEstimates: number | null = null,
  today = new Date().toISOString().slice(0, 10),
): number | null {
  if (years.length === 0) return null;
  const ahead = years.filter((y) => y.submissionDeadline && y.submissionDeadline >= today);
  ahead.sort((a, b) => (a.submissionDeadline! < b.submissionDeadline! ? -1 : 1));
  if (ahead.length > 0) return ahead[0].year;
  const current = Number(today.slice(0, 4));
  if (years.some((y) => y.year === current)) return current;
  if (latestWithEstimates !== null && years.some((y) => y.year === latestWithEstimates)) return latestWithEstimates;
  return Math.max(...years.map((y) => y.year));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [hasToken, setHasToken] = useState(() => getToken() !== null);
  // A year chosen in this session, by user id (the stored choice is read when none was made yet).
  const [chosenYears, setChosenYears] = useState<Record<string, number>>({});

  const meQuery = useQuery({
    queryKey: ['me'],
    enabled: hasToken,
    queryFn: () => ok(api.GET('/auth/me')),
  });
  const yearsQuery = useQuery({
    queryKey: ['fiscal-years'],
    // Asked beside /auth/me, not after it: both need only the token.
    enabled: hasToken,
    queryFn: () => ok(api.GET('/fiscal-years')),
  });
  // The latest year holding an estimate this user may see (the list is newest year first).
  const latestQuery = useQuery({
    queryKey: ['latest-estimate-year'],
    enabled: hasToken,
    queryFn: async () => (await ok(api.GET('/estimates', { params: { query: { limit: 1 } } }))).items[0]?.year ?? null,
  });

  const [signedOut, setSignedOut] = useState(false);

  // The server refused the token (expired): the sign-in redirect may remember the page.
  const dropSession = useCallback(() => {
    setToken(null);
    setHasToken(false);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => whenSignedOut(() => dropSession()), [dropSession]);

  const signOut = useCallback(() => {
    forgetReturnTo();
    setSignedOut(true);
    dropSession();
  }, [dropSession]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await ok(api.POST('/auth/login', { body: { username, password } }));
      queryClient.clear();
      setToken(result.accessToken);
      setSignedOut(false);
      setHasToken(true);
    },
    [queryClient],
  );

  const years = useMemo(() => [...(yearsQuery.data ?? [])].sort((a, b) => b.year - a.year), [yearsQuery.data]);
  const me = hasToken ? (meQuery.data ?? null) : null;
  const chosenYear = me ? (chosenYears[me.userId] ?? storedYear(me.userId)) : null;
  const year = chosenYear !== null && years.some((y) => y.year === chosenYear) ? chosenYear : defaultYear(years, latestQuery.data ?? null);

  const value: Session = {
    me,
    // The default year waits for the latest year with estimates, so that no screen opens on another year first.
    loading: hasToken && (meQuery.isPending || yearsQuery.isPending || latestQuery.isPending),
    signIn,
    signOut,
    signedOut,
    years,
    year,
    setYear: (next) => {
      if (!me) return;
      localStorage.setItem(yearKey(me.userId), String(next));
      setChosenYears((all) => ({ ...all, [me.userId]: next }));
    },
  };
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user; only inside the shell, where one is guaranteed. */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
