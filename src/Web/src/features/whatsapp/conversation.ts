import type { GatewayPage, Message } from '../../api/types';
import type { MessageKey } from '../../i18n/en';

const at = (m: { timestamp?: string }) => Date.parse(m.timestamp ?? '') || 0;

/**
 * The pages of a conversation (each newest first, page 1 the newest) as one list, oldest first, each message once: a
 * message that came in between two page loads shifts the pages by one. Reversing before the (stable) sort keeps
 * messages of the same second in the order they were sent.
 */
export function oldestFirst(pages: readonly GatewayPage<Message>[]): Message[] {
  const seen = new Set<string>();
  const list: Message[] = [];
  for (const page of pages) {
    for (const m of page.items ?? []) {
      if (m.id) {
        if (seen.has(m.id)) continue;
        seen.add(m.id);
      }
      list.push(m);
    }
  }
  return list.reverse().sort((a, b) => at(a) - at(b));
}

/** A message this screen sent that the conversation may not list yet (the gateway takes a moment). */
export interface SentMessage {
  /** The gateway's id from the 202 answer. */
  id: string | null;
  text: string;
  /** ISO instant it was sent, by this browser's clock. */
  timestamp: string;
}

/** How far this browser's clock and the gateway's may disagree when matching a sent message by its text. */
const CLOCK_SLACK_MS = 120_000;

/** The sent messages the conversation does not list yet: not by their id, nor as a message of ours with their text. */
export function stillSending(sent: readonly SentMessage[], listed: readonly Message[]): SentMessage[] {
  return sent.filter((s) => !listed.some((m) => (s.id !== null && m.id === s.id)
    || (m.fromMe === true && (m.text ?? '').trim() === s.text.trim() && at(m) >= Date.parse(s.timestamp) - CLOCK_SLACK_MS)));
}

/** What the gateway's delivery status of a message of ours says to a user, if anything. */
export function statusKey(status: string | null | undefined): MessageKey | null {
  switch ((status ?? '').toUpperCase()) {
    case 'PENDING': return 'wa.msgStatus.sending';
    case 'SERVER_ACK': return 'wa.msgStatus.sent';
    case 'DELIVERY_ACK': return 'wa.msgStatus.delivered';
    case 'READ':
    case 'PLAYED': return 'wa.msgStatus.read';
    case 'ERROR': return 'wa.msgStatus.failed';
    default: return null;
  }
}
