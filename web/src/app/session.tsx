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
const YEAR_KEY = 'itbudget.year';

/** The year shown first: the one whose submission deadline is the nearest ahead, else the latest. */
export function defaultYear(years: readonly FiscalYear[], today = new Date().toISOString().slice(0, 10)): number | null {
  if (years.length === 0) return null;
  const ahead = years.filter((y) => y.submissionDeadline && y.submissionDeadline >= today);
  ahead.sort((a, b) => (a.submissionDeadline! < b.submissionDeadline! ? -1 : 1));
  if (ahead.length > 0) return ahead[0].year;
  return Math.max(...years.map((y) => y.year));
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [hasToken, setHasToken] = useState(() => getToken() !== null);
  const [chosenYear, setChosenYear] = useState<number | null>(() => {
    const stored = Number(localStorage.getItem(YEAR_KEY));
    return Number.isInteger(stored) && stored > 0 ? stored : null;
  });

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
  const year = chosenYear !== null && years.some((y) => y.year === chosenYear) ? chosenYear : defaultYear(years);

  const value: Session = {
    me: hasToken ? (meQuery.data ?? null) : null,
    loading: hasToken && (meQuery.isPending || yearsQuery.isPending),
    signIn,
    signOut,
    signedOut,
    years,
    year,
    setYear: (next) => {
      localStorage.setItem(YEAR_KEY, String(next));
      setChosenYear(next);
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
