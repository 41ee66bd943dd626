// The one API client: openapi-fetch over the types generated from the API's OpenAPI document
// (schema.d.ts, `npm run api:client`). The token lives in sessionStorage so that a closed tab signs out.
import createClient from 'openapi-fetch';
import type { paths } from './schema';

const TOKEN_KEY = 'itbudget.token';

let token: string | null = sessionStorage.getItem(TOKEN_KEY);
let onSignedOut: (() => void) | null = null;

export const api = createClient<paths>({ baseUrl: '' });

api.use({
  onRequest({ request }) {
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or revoked token: back to the sign-in page rather than a broken screen.
    if (response.status === 401 && token) {
      setToken(null);
      onSignedOut?.();
    }
    return response;
  },
});

export function setToken(value: string | null): void {
  token = value;
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function getToken(): string | null {
  return token;
}

export function whenSignedOut(callback: () => void): void {
  onSignedOut = callback;
}

/** One problem the API names: `{ field, code, message }` (row and column for workbook cells). */
export interface ErrorDetail {
  field?: string;
  code?: string;
  message: string;
  row?: number;
  column?: string;
  sheet?: string;
}

/** The API's error shape `{ statusCode, error, message, code?, details? }` as an exception. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly body: unknown = undefined,
  ) {
    super(message);
  }

  static from(status: number, body: unknown): ApiError {
    const shape = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    const message = Array.isArray(shape.message)
      ? shape.message.join('; ')
      : typeof shape.message === 'string'
        ? shape.message
        : `HTTP ${status}`;
    const details = Array.isArray(shape.details) ? (shape.details as ErrorDetail[]) : [];
    return new ApiError(status, typeof shape.code === 'string' ? shape.code : undefined, message, details, body);
  }
}

/** Awaits an openapi-fetch call and returns its data, or throws ApiError for any non-2xx answer. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.from(response.status, error);
  return data as NonNullable<T>;
}
