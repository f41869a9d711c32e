import type { TFunction } from '../../i18n';

/**
 * Activities are due on a calendar day ("2025-11-28") and maybe at a wall-clock time ("14:30") of the company, not
 * at an instant: they are read and compared as such, never through `new Date("2025-11-28")` (which is UTC midnight,
 * the day before in Brazil). "Today" is the browser's day; the server decides what is overdue.
 */
export type Day = string;

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of `date` (now by default) as YYYY-MM-DD. */
export function localDay(date: Date = new Date()): Day {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Midnight UTC of a day, only for arithmetic and for formatting with timeZone UTC. */
function utc(day: Day): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

export function addDays(day: Day, n: number): Day {
  const d = utc(day);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** "09:30" in pt-BR, "09:30 AM" in English. */
export function timeText(locale: string, time: string): string {
  const [h, m] = time.split(':').map(Number);
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, 0, 1, h, m)));
}

/** Today, tomorrow or yesterday by name; null for any other day. */
function nearDayName(t: TFunction, day: Day, today: Day): string | null {
  if (day === today) return t('activity.today');
  if (day === addDays(today, 1)) return t('activity.tomorrow');
  if (day === addDays(today, -1)) return t('activity.yesterday');
  return null;
}

/** "12/12", or "12/12/26" in another year. */
function shortDate(locale: string, day: Day, today: Day): string {
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  return new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: sameYear ? undefined : '2-digit', timeZone: 'UTC' }).format(utc(day));
}

/** When an activity is due, short: "Hoje 14:30", "Amanhã", "Ontem 09:00", "12/12", "12/12 08:00". */
export function dueLabel(t: TFunction, locale: string, due: { dueDate: Day; dueTime?: string | null }, today: Day = localDay()): string {
  const day = nearDayName(t, due.dueDate, today) ?? shortDate(locale, due.dueDate, today);
  return due.dueTime ? `${day} ${timeText(locale, due.dueTime)}` : day;
}

/** A day's heading in the agenda: "Hoje · sexta-feira, 28 de novembro", "terça-feira, 2 de dezembro de 2026". */
export function dayHeading(t: TFunction, locale: string, day: Day, today: Day = localDay()): string {
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  const long = new Intl.DateTimeFormat(locale, {
    weekday: 'long', day: 'numeric', month: 'long', year: sameYear ? undefined : 'numeric', timeZone: 'UTC',
  }).format(utc(day));
  const near = nearDayName(t, day, today);
  return near ? `${near} · ${long}` : long;
}

export interface DayGroup<T> {
  day: Day;
  items: T[];
}

/** Items in their order, gathered under the day each falls on (days in the order first met). */
export function groupByDay<T>(items: readonly T[], dayOf: (item: T) => Day): DayGroup<T>[] {
  const groups = new Map<Day, T[]>();
  for (const item of items) {
    const day = dayOf(item);
    const list = groups.get(day);
    if (list) list.push(item);
    else groups.set(day, [item]);
  }
  return [...groups].map(([day, list]) => ({ day, items: list }));
}
