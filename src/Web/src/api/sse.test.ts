import { describe, expect, it } from 'vitest';
import { parseSse } from './sse';

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
