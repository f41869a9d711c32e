import { addDays, type Day } from '../activities/activityDates';

/**
 * The period a report covers: company days, `to` inclusive, as the API takes them. The presets are whole months so
 * the server compares them with the months just before (this quarter against the last one).
 */
export type PeriodPreset = 'thisMonth' | 'lastMonth' | 'thisQuarter' | 'thisYear' | 'custom';
export const periodPresets: readonly PeriodPreset[] = ['thisMonth', 'lastMonth', 'thisQuarter', 'thisYear', 'custom'];

export interface Period {
  from: Day;
  to: Day;
}

/** The API's longest period: three years (3 × 366 days). */
export const MAX_PERIOD_DAYS = 3 * 366;

export const isPeriodPreset = (s: string | null | undefined): s is PeriodPreset => periodPresets.includes(s as PeriodPreset);

const pad = (n: number) => String(n).padStart(2, '0');
const firstOf = (year: number, month: number): Day => `${year}-${pad(month)}-01`;

/** The last day of a month (1-12) of a year. */
function lastOf(year: number, month: number): Day {
  const next = month === 12 ? firstOf(year + 1, 1) : firstOf(year, month + 1);
  return addDays(next, -1);
}

/** The days a preset covers on `today` (the custom one is typed, so it has none). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: Day): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (preset) {
    case 'thisMonth':
      return { from: firstOf(year, month), to: lastOf(year, month) };
    case 'lastMonth': {
      const [y, m] = month === 1 ? [year - 1, 12] : [year, month - 1];
      return { from: firstOf(y, m), to: lastOf(y, m) };
    }
    case 'thisQuarter': {
      const first = month - ((month - 1) % 3);
      return { from: firstOf(year, first), to: lastOf(year, first + 2) };
    }
    case 'thisYear':
      return { from: firstOf(year, 1), to: lastOf(year, 12) };
  }
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && addDays(s, 0) === s;

export type PeriodProblem = 'required' | 'invalid' | 'fromAfterTo' | 'tooLong';

/** What is wrong with a typed period, per field (the same rules the API applies), or nothing. */
export function periodProblems(from: string, to: string): Partial<Record<'from' | 'to', PeriodProblem>> {
  const found: Partial<Record<'from' | 'to', PeriodProblem>> = {};
  if (!from) found.from = 'required';
  else if (!isDay(from)) found.from = 'invalid';
  if (!to) found.to = 'required';
  else if (!isDay(to)) found.to = 'invalid';
  if (found.from || found.to) return found;
  if (from > to) return { from: 'fromAfterTo' };
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (days >= MAX_PERIOD_DAYS) return { to: 'tooLong' };
  return found;
}
