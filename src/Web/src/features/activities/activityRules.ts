import type { Activity, DealCard, Stage } from '../../api/types';
import { addDays, type Day } from './activityDates';

/**
 * A card warns "no activity scheduled" when its deal is still in play (an open stage) and has no open activity.
 * A card without the field at all (a server from before activities) says nothing rather than warn on every deal.
 */
export function needsActivity(card: Pick<DealCard, 'nextActivity'>, stage: Pick<Stage, 'isTerminal'> | null | undefined): boolean {
  return !!stage && stage.isTerminal !== true && card.nextActivity === null;
}

export type AgendaTab = 'overdue' | 'today' | 'upcoming' | 'done';
export const agendaTabs: readonly AgendaTab[] = ['overdue', 'today', 'upcoming', 'done'];

export function isAgendaTab(value: string | null): value is AgendaTab {
  return agendaTabs.includes(value as AgendaTab);
}

/** What a tab asks GET /api/activities for: the next 7 days are the open ones from tomorrow to a week from today. */
export function agendaQuery(tab: AgendaTab, today: Day): { scope: AgendaTab; from?: Day; to?: Day } {
  if (tab === 'upcoming') return { scope: tab, from: addDays(today, 1), to: addDays(today, 7) };
  return { scope: tab };
}

/** Plain character order (localeCompare would put "~" before digits). */
const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Open ones by when they are due, timed ones before the all-day ones of their day: the order the server picks a card's next one in. */
function byDue(a: Activity, b: Activity): number {
  return cmp(a.dueDate ?? '', b.dueDate ?? '') || cmp(a.dueTime ?? '~', b.dueTime ?? '~') || (a.id ?? 0) - (b.id ?? 0);
}

/** A deal's or lead's activities: the next open one, the other open ones after it, then the done ones newest first. */
export function splitActivities(items: readonly Activity[]): { next: Activity | null; later: Activity[]; done: Activity[] } {
  const open = items.filter((a) => !a.done).sort(byDue);
  const done = items.filter((a) => a.done).sort((a, b) => cmp(b.doneAt ?? '', a.doneAt ?? '') || (b.id ?? 0) - (a.id ?? 0));
  return { next: open[0] ?? null, later: open.slice(1), done };
}

/** The app's WhatsApp screen opened on a phone (digits only), or null without one. */
export function whatsAppPath(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits ? `/whatsapp?phone=${digits}` : null;
}
