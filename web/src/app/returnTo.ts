// The "return to" address after sign-in: set only by the redirect to the sign-in page (a deep link or
// an expired session), kept in sessionStorage so it belongs to this browser tab only, forgotten on an
// explicit sign-out so the next user never lands on the previous user's page.
import { matchPath } from 'react-router';
import type { Role } from '../api/types';
import { routesFor } from './routes';

const KEY = 'itbudget.returnTo';

/** Remembers `path` (pathname + search under /app) as where to go after the next sign-in. */
export function rememberReturnTo(path: string): void {
  sessionStorage.setItem(KEY, path);
}

/** Drops any remembered address (on sign-out, and once a signed-in user reached the shell). */
export function forgetReturnTo(): void {
  sessionStorage.removeItem(KEY);
}

/** Whether `role` has a screen at `path` (pathname, optionally with ?search or #hash). */
export function mayOpen(role: Role, path: string): boolean {
  const pathname = path.split(/[?#]/)[0] || '/';
  return routesFor(role).some((route) => matchPath({ path: `/${route.path}`, end: true }, pathname) !== null);
}

/**
 * Where a user of `role` goes right after sign-in: the remembered address when this role may open
 * it, else the role's home ('/'). Reads without clearing (render may run twice); the shell clears.
 */
export function returnToFor(role: Role): string {
  const path = sessionStorage.getItem(KEY);
  return path !== null && mayOpen(role, path) ? path : '/';
}
