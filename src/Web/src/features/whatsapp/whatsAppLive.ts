import { useEffect, useRef } from 'react';
import { SharedStream } from '../../api/sharedStream';
import { streamEvents, type SseEvent } from '../../api/sse';

/** The tab's one /api/whatsapp/events stream: the WhatsApp screen and open conversations share it. */
const whatsAppLive = new SharedStream((onEvent, signal) => { void streamEvents('/api/whatsapp/events', onEvent, signal); });

/**
 * Hears the WhatsApp live stream (messages.upsert, connection.update, qrcode.updated). `hold: false` listens only
 * while something else keeps the stream open (the connection banner does not open one of its own).
 */
export function useWhatsAppEvents(onEvent: (e: SseEvent) => void, { hold = true, enabled = true }: { hold?: boolean; enabled?: boolean } = {}) {
  const handler = useRef(onEvent);
  useEffect(() => { handler.current = onEvent; });
  useEffect(() => {
    if (!enabled) return;
    const stop = whatsAppLive.listen((e) => { if (e.event !== 'ping' && e.event !== 'ready') handler.current(e); });
    const release = hold ? whatsAppLive.hold() : () => {};
    return () => { stop(); release(); };
  }, [hold, enabled]);
}
