import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, refreshRetryAfter, refreshSession, session } from './client';
import type { ApiError } from './problem';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}
const user = { id: 1, name: 'Ana', email: 'a@b.c', role: 'BusinessOwner', status: 'Active' };

afterEach(() => { vi.unstubAllGlobals(); session.clear(); });

describe('api client', () => {
  it('refreshes once for many concurrent 401s and retries each request once', async () => {
    session.set({ accessToken: 'old', expiresIn: 900, user });
    let refreshes = 0;
    const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
      if (url === '/api/auth/refresh') {
        refreshes++;
        await new Promise((r) => setTimeout(r, 10));
        return json(200, { accessToken: 'new', expiresIn: 900, user });
      }
      const auth = (init?.headers as Record<string, string>).Authorization;
      return auth === 'Bearer new' ? json(200, { ok: url }) : json(401, { title: 'Unauthorized' });
    });
    vi.stubGlobal('fetch', fetchMock);
    const results = await Promise.all([api('/api/a'), api('/api/b'), api('/api/c')]);
    expect(results).toEqual([{ ok: '/api/a' }, { ok: '/api/b' }, { ok: '/api/c' }]);
    expect(refreshes).toBe(1);
    expect(session.accessToken).toBe('new');
  });

  it('ends the session when the refresh is refused and surfaces the 401', async () => {
    session.set({ accessToken: 'old', expiresIn: 900, user });
    vi.stubGlobal('fetch', vi.fn(async (url: string) =>
      url === '/api/auth/refresh' ? json(401, { title: 'no' }) : json(401, { title: 'Unauthorized', code: 'x' })));
    await expect(api('/api/a')).rejects.toMatchObject({ problem: { status: 401 } });
    expect(session.user).toBeNull();
    expect(session.ended).toBe(true);
  });

  it('keeps the session when the refresh is only rate limited, and says when to try again', async () => {
    session.set({ accessToken: 'old', expiresIn: 900, user });
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 429, headers: { 'Retry-After': '7' } })));
    expect(await refreshSession()).toBe(false);
    expect(session.user).not.toBeNull();
    expect(refreshRetryAfter).toBe(7);
  });

  it('tells a session the server ended from signing out', () => {
    session.set({ accessToken: 't', expiresIn: 900, user });
    session.clear();
    expect(session.ended).toBe(false);
    session.set({ accessToken: 't', expiresIn: 900, user });
    session.clear(true);
    expect(session.ended).toBe(true);
    session.set({ accessToken: 't2', expiresIn: 900, user });
    expect(session.ended).toBe(false);
  });

  it('sends a form (a file upload) as it is, for the browser to write its multipart type', async () => {
    session.set({ accessToken: 't', expiresIn: 900, user });
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => json(201, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    const form = new FormData();
    form.append('kind', 'leads');
    await api('/api/imports', { method: 'POST', body: form, headers: { 'Accept-Language': 'pt-BR' } });
    const init = fetchMock.mock.calls[0][1]!;
    expect(init.body).toBe(form);
    expect(init.headers).toEqual({ Accept: 'application/json', 'Accept-Language': 'pt-BR', Authorization: 'Bearer t' });
  });

  it('turns a problem answer into an ApiError with field errors', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => json(409, { title: 'Conflict', code: 'lead.email_taken', errors: { email: ['taken'] } })));
    await expect(api('/api/leads', { method: 'POST', body: {} })).rejects.toMatchObject({
      problem: { status: 409, code: 'lead.email_taken', fieldErrors: { email: ['taken'] } },
    });
  });
});

describe('a 429', () => {
  it('carries the Retry-After seconds on the error', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ title: 'Too many', code: 'rate_limited' }), { status: 429, headers: { 'Retry-After': '900' } })));
    const err = (await api('/api/auth/login', { method: 'POST', body: {}, noRetry: true }).catch((e: unknown) => e)) as ApiError;
    expect(err.retryAfter).toBe(900);
    expect(err.code).toBe('rate_limited');
  });
});
