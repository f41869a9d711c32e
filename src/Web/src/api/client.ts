import { ApiError, parseProblem, parseRetryAfter } from './problem';
import { singleFlight } from './singleFlight';
import type { Tokens, User } from './types';

type Listener = (user: User | null) => void;

/** In-memory session: the access token never touches storage; the refresh token is an HttpOnly cookie. */
class Session {
  accessToken: string | null = null;
  user: User | null = null;
  /** The last session ended by the server (expired, revoked, user deactivated), not by signing out. */
  ended = false;
  private listeners = new Set<Listener>();

  set(tokens: Tokens) {
    this.accessToken = tokens.accessToken ?? null;
    this.user = tokens.user ?? null;
    this.ended = false;
    this.emit();
  }
  setUser(user: User) {
    this.user = user;
    this.emit();
  }
  clear(endedByServer = false) {
    const had = this.accessToken !== null || this.user !== null;
    if (had) this.ended = endedByServer;
    this.accessToken = null;
    this.user = null;
    if (had) this.emit();
  }
  subscribe(l: Listener) {
    this.listeners.add(l);
    return () => { this.listeners.delete(l); };
  }
  private emit() {
    for (const l of this.listeners) l(this.user);
  }
}

export const session = new Session();

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Seconds to wait before trying a refresh again when the server was busy (429/5xx), else null. */
export let refreshRetryAfter: number | null = null;

/**
 * POST /api/auth/refresh, once at a time; resolves true when the session was renewed. Only a refusal
 * (the cookie is spent, revoked or absent) ends the session: a rate-limited or failing server does not.
 */
export const refreshSession: () => Promise<boolean> = singleFlight(() =>
  // Across tabs too: with Web Locks one tab refreshes at a time, so tabs opened together never present one cookie
  // twice (the server also answers a cookie spent in the last 30 s with the same new session).
  typeof navigator !== 'undefined' && navigator.locks
    ? navigator.locks.request('workshopcrm-refresh', refreshOnce).then((renewed) => renewed)
    : refreshOnce());

async function refreshOnce(): Promise<boolean> {
  refreshRetryAfter = null;
  try {
    const res = await fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' });
    if (!res.ok) {
      if (res.status === 429 || res.status >= 500) refreshRetryAfter = Math.min(Number(res.headers.get('Retry-After')) || 2, 30);
      else session.clear(true);
      return false;
    }
    session.set((await res.json()) as Tokens);
    return true;
  } catch {
    refreshRetryAfter = 2;
    return false;
  }
}

export interface RequestOptions {
  method?: string;
  /** Sent as JSON, or as it is when FormData (multipart). */
  body?: unknown;
  query?: Record<string, string | number | boolean | null | undefined>;
  signal?: AbortSignal;
  /** Do not try a refresh on 401 (auth endpoints). */
  noRetry?: boolean;
  /** More headers, over the defaults (Accept for a CSV download, Accept-Language for its column names). */
  headers?: Record<string, string>;
}

export function buildUrl(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export function authHeaders(): Record<string, string> {
  return session.accessToken ? { Authorization: `Bearer ${session.accessToken}` } : {};
}

/** fetch with the bearer token; on 401 refreshes once (single-flight) and retries once. */
export async function apiFetch(path: string, opts: RequestOptions = {}): Promise<Response> {
  const doFetch = () => {
    const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers, ...authHeaders() };
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData) {
      body = opts.body; // a file upload: the browser writes the multipart Content-Type with its boundary
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    return fetch(buildUrl(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  };
  let res = await doFetch();
  if (res.status === 401 && !opts.noRetry && session.accessToken !== null) {
    const renewed = await refreshSession();
    if (renewed) res = await doFetch();
    else if (refreshRetryAfter === null) session.clear(true);
  }
  return res;
}

export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await apiFetch(path, opts);
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError({ status: 0, code: 'network', title: 'Network error', detail: null, fieldErrors: {} });
  }
  const body = await readBody(res);
  if (!res.ok) throw new ApiError(parseProblem(res.status, body, res.statusText || 'Request failed', parseRetryAfter(res.headers.get('Retry-After'))));
  return body as T;
}

export async function login(email: string, password: string, rememberMe: boolean) {
  const t = await api<Tokens>('/api/auth/login', { method: 'POST', body: { email, password, rememberMe }, noRetry: true });
  session.set(t);
  return t;
}

export async function register(body: { companyName: string; name: string; email: string; password: string }) {
  const t = await api<Tokens>('/api/auth/register', { method: 'POST', body, noRetry: true });
  session.set(t);
  return t;
}

export async function logout() {
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin', headers: authHeaders() });
  } finally {
    session.clear();
  }
}
