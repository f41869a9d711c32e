import { apiFetch } from './client';

export interface SseEvent {
  event: string;
  data: string;
}

/** Splits an SSE text buffer into complete events; returns them and the unfinished rest. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const normalised = buffer.replace(/\r\n/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue;
      const i = line.indexOf(':');
      const field = i < 0 ? line : line.slice(0, i);
      let value = i < 0 ? '' : line.slice(i + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'event') event = value;
      else if (field === 'data') data.push(value);
    }
    events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Reads a Server-Sent Events stream with fetch (so the Authorization header goes along),
 * reconnecting with back-off until `signal` aborts. `onOpenChange` hears each connection open and end (a screen that
 * polls while the stream is down).
 */
export async function streamEvents(path: string, onEvent: (e: SseEvent) => void, signal: AbortSignal, onOpenChange?: (open: boolean) => void) {
  let delay = 1000;
  while (!signal.aborted) {
    let open = false;
    try {
      const res = await apiFetch(path, { signal });
      if (res.ok && res.body) {
        delay = 1000;
        open = true;
        onOpenChange?.(true);
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += decoder.decode(value, { stream: true });
          const { events, rest } = parseSse(buf);
          buf = rest;
          for (const e of events) onEvent(e);
        }
      }
    } catch {
      if (signal.aborted) {
        if (open) onOpenChange?.(false);
        return;
      }
    }
    if (open) onOpenChange?.(false);
    if (signal.aborted) return;
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 30000);
  }
}
