import { describe, expect, it } from 'vitest';
import { SharedStream } from './sharedStream';
import type { SseEvent } from './sse';

function fakeServer() {
  const opened: { emit: (e: SseEvent) => void; signal: AbortSignal }[] = [];
  const stream = new SharedStream((emit, signal) => { opened.push({ emit, signal }); });
  return { stream, opened };
}

describe('SharedStream', () => {
  it('opens one connection for several holders and closes it when the last lets go', () => {
    const { stream, opened } = fakeServer();

    const first = stream.hold();
    const second = stream.hold();
    first();
    const stillOpen = !opened[0].signal.aborted;
    second();

    expect(opened).toHaveLength(1);
    expect(stillOpen).toBe(true);
    expect(opened[0].signal.aborted).toBe(true);
    expect(stream.isOpen).toBe(false);
  });

  it('lets a holder release only once', () => {
    const { stream, opened } = fakeServer();
    const first = stream.hold();
    stream.hold();

    first();
    first();

    expect(opened[0].signal.aborted).toBe(false);
  });

  it('hands events to listeners, who do not keep the stream open', () => {
    const { stream, opened } = fakeServer();
    const heard: string[] = [];
    const stop = stream.listen((e) => heard.push(e.event));

    const release = stream.hold();
    opened[0].emit({ event: 'messages.upsert', data: '{}' });
    stop();
    opened[0].emit({ event: 'connection.update', data: '{}' });
    release();

    expect(heard).toEqual(['messages.upsert']);
    expect(opened).toHaveLength(1);
  });

  it('opens a new connection when held again after closing', () => {
    const { stream, opened } = fakeServer();

    stream.hold()();
    stream.hold();

    expect(opened).toHaveLength(2);
    expect(opened[1].signal.aborted).toBe(false);
  });
});
