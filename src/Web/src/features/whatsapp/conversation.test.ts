import { describe, expect, it } from 'vitest';
import type { Message } from '../../api/types';
import { oldestFirst, statusKey, stillSending } from './conversation';

const msg = (id: string, second: number, fromMe = false, text = id): Message =>
  ({ id, fromMe, text, timestamp: new Date(Date.UTC(2026, 10, 28, 15, 0, second)).toISOString(), status: null });

describe('oldestFirst', () => {
  it('puts the newest message at the bottom and earlier pages above', () => {
    const pages = [{ items: [msg('c', 3), msg('b', 2)] }, { items: [msg('a', 1)] }];

    expect(oldestFirst(pages).map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('lists a message once when a new one shifted the pages', () => {
    const pages = [{ items: [msg('d', 4), msg('c', 3)] }, { items: [msg('c', 3), msg('b', 2)] }];

    expect(oldestFirst(pages).map((m) => m.id)).toEqual(['b', 'c', 'd']);
  });

  it('keeps messages of the same second in the order they were sent', () => {
    const pages = [{ items: [msg('second', 5), msg('first', 5)] }];

    expect(oldestFirst(pages).map((m) => m.id)).toEqual(['first', 'second']);
  });
});

describe('stillSending', () => {
  const sentAt = new Date(Date.UTC(2026, 10, 28, 15, 0, 10)).toISOString();

  it('drops a sent message once the conversation lists it by id', () => {
    expect(stillSending([{ id: 'x', text: 'Olá', timestamp: sentAt }], [msg('x', 11, true, 'Olá')])).toEqual([]);
  });

  it('drops it when a message of ours with its text shows up under another id', () => {
    expect(stillSending([{ id: null, text: 'Olá ', timestamp: sentAt }], [msg('y', 9, true, 'Olá')])).toEqual([]);
  });

  it('keeps it while the conversation does not list it', () => {
    const sent = [{ id: 'x', text: 'Olá', timestamp: sentAt }];

    expect(stillSending(sent, [msg('y', 11, false, 'Olá')])).toEqual(sent);
  });
});

describe('statusKey', () => {
  it('names the gateway\'s delivery steps and nothing else', () => {
    expect(statusKey('DELIVERY_ACK')).toBe('wa.msgStatus.delivered');
    expect(statusKey('read')).toBe('wa.msgStatus.read');
    expect(statusKey(null)).toBeNull();
    expect(statusKey('SOMETHING')).toBeNull();
  });
});
