import type { TFunction } from '../../i18n';
import type { OutcomeGroup, OutcomeGrouping } from '../../api/types';

/**
 * How much a number changed against the previous period, as a fraction (0.25 is +25%): null when the previous one
 * was zero or missing (no base to compare with) or this one is missing.
 */
export function percentChange(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current == null || previous == null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

/** "25%", "33,3%": a 0..1 fraction as a percentage with at most one decimal. */
export function formatPercent(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(fraction);
}

/** "+25%", "−10%", "0%": a change with its sign. */
export function formatChange(fraction: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(fraction);
}

/** "+5 p.p.": how many percentage points a rate (0..1) moved; null when either is missing. */
export function pointsChange(current: number | null | undefined, previous: number | null | undefined): number | null {
  if (current == null || previous == null) return null;
  return Math.round((current - previous) * 1000) / 10;
}

/**
 * What a total says against the previous period: "+25% vs período anterior", "igual ao período anterior", "nada no
 * período anterior" when the previous one was zero, "sem comparação" when either is missing.
 */
export function changeText(t: TFunction, locale: string, current: number | null | undefined, previous: number | null | undefined): string {
  // A missing number (no deal won, so no average) is not a zero: nothing to compare.
  if (current == null || previous == null) return t('report.noComparison');
  const change = percentChange(current, previous);
  if (change === null) return current === 0 ? t('report.sameAsPrevious') : t('report.noBase');
  if (Math.abs(change) < 0.0005) return t('report.sameAsPrevious');
  return t('report.vsPrevious', { change: formatChange(change, locale) });
}

/** A rate's move in percentage points: "+5 p.p. vs período anterior". */
export function pointsText(t: TFunction, locale: string, current: number | null | undefined, previous: number | null | undefined): string {
  const points = pointsChange(current, previous);
  if (points === null) return t('report.noComparison');
  if (points === 0) return t('report.sameAsPrevious');
  const n = new Intl.NumberFormat(locale, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(points);
  return t('report.vsPreviousPoints', { points: n });
}

const utcDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** A group's name: "out. de 2026" for a month, "semana de 05/10/2026" for a week, the owner's name for an owner. */
export function groupLabel(t: TFunction, locale: string, groupBy: OutcomeGrouping, group: Pick<OutcomeGroup, 'key' | 'owner'>): string {
  if (groupBy === 'owner') return group.owner?.name || t('timeline.someone');
  if (groupBy === 'month' && /^\d{4}-\d{2}$/.test(group.key)) {
    return new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(utcDay(`${group.key}-01`));
  }
  if (groupBy === 'week' && /^\d{4}-\d{2}-\d{2}$/.test(group.key)) {
    return t('report.weekOf', { day: new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' }).format(utcDay(group.key)) });
  }
  return group.key;
}

/** "01/10/2026 – 31/10/2026": a period of company days. */
export function periodText(locale: string, from: string, to: string): string {
  const f = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeZone: 'UTC' });
  return `${f.format(utcDay(from))} – ${f.format(utcDay(to))}`;
}
