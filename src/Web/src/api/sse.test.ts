import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseSse, streamEvents } from './sse';

describe('parseSse', () => {
  it('splits complete events and keeps the rest', () => {
    const r = parseSse('id: 1\nevent: ready\ndata: {}\n\nevent: deal.moved\ndata: {"dealId":5}\n\nevent: pi');
    expect(r.events).toEqual([{ event: 'ready', data: '{}' }, { event: 'deal.moved', data: '{"dealId":5}' }]);
    expect(r.rest).toBe('event: pi');
  });
  it('handles CRLF and comments', () => {
    const r = parseSse(': hi\r\nevent: ping\r\ndata: x\r\n\r\n');
    expect(r.events).toEqual([{ event: 'ping', data: 'x' }]);
  });
});

describe('streamEvents', () => {
  afterEach(() => { vi.unstubAllGlobals(); });

  it('tells when a connection opens and when it ends', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('event: ready\ndata: {}\n\n', { status: 200 })));
    const ctrl = new AbortController();
    const heard: string[] = [];
    await streamEvents('/api/pipeline/events', (e) => heard.push(e.event), ctrl.signal, (open) => {
      heard.push(open ? 'open' : 'ended');
      if (!open) ctrl.abort();
    });
    expect(heard).toEqual(['open', 'ready', 'ended']);
  });

  it('does not call a refused connection open', async () => {
    const ctrl = new AbortController();
    vi.stubGlobal('fetch', vi.fn(async () => { ctrl.abort(); return new Response('{}', { status: 503 }); }));
    const heard: boolean[] = [];
    await streamEvents('/api/pipeline/events', () => {}, ctrl.signal, (open) => heard.push(open));
    expect(heard).toEqual([]);
  });
});
