const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });
const brlShort = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });

/**
 * Money is BRL and reads the Brazilian way in either language ("R$ 1.234,50"): the company's money is in reais
 * whatever language a user picks for the screens (issue 8: totals with Intl pt-BR).
 */
export function formatMoney(value: number | null | undefined): string {
  return brl.format(value ?? 0);
}

/** The largest amount a deal holds (NUMERIC(12,2) on the server). */
export const MAX_MONEY = 9_999_999_999.99;

/** Why typed money was refused: not a number, below zero, more than cents, too big, or missing where required. */
export type MoneyProblem = 'invalid' | 'negative' | 'decimals' | 'range' | 'required';
export type MoneyReading = { ok: true; value: number } | { ok: false; problem: MoneyProblem };

const dotGroups = /^\d{1,3}(\.\d{3})+$/; // "1.500", "1.234.567"
const commaGroups = /^\d{1,3}(,\d{3})+$/; // "1,234" before an English ".56"

/**
 * Reads money as a Brazilian types it: "1.234,56", "1234,56", "R$ 1.234,56", also "1234.56" and "1,234.56".
 * Dots that group thousands ("1.500") are thousands; otherwise the last separator is the decimal one and whatever
 * comes before it must group thousands the other way. Refuses letters, two decimal separators ("1,2,3"), a third
 * decimal, negatives and amounts above 9.999.999.999,99. Empty reads as 0 only when the field is optional.
 */
export function readMoney(input: string, { required = false }: { required?: boolean } = {}): MoneyReading {
  const compact = input.replace(/[\s\u00a0\u202f]/g, '');
  if (!compact) return required ? { ok: false, problem: 'required' } : { ok: true, value: 0 };
  let s = compact.replace(/R\$/i, '');
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1);
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return { ok: false, problem: 'invalid' };
  if (negative) return { ok: false, problem: 'negative' };
  let whole = s;
  let cents = '';
  const last = Math.max(s.lastIndexOf(','), s.lastIndexOf('.'));
  if (last >= 0 && !dotGroups.test(s)) {
    const sep = s[last];
    const head = s.slice(0, last);
    const tail = s.slice(last + 1);
    if (!head || !tail || head.includes(sep)) return { ok: false, problem: 'invalid' };
    if (tail.length > 2) return { ok: false, problem: 'decimals' };
    if (/[.,]/.test(head) && !(sep === ',' ? dotGroups : commaGroups).test(head)) return { ok: false, problem: 'invalid' };
    whole = head;
    cents = tail;
  }
  const value = Number(whole.replace(/[.,]/g, '')) + (cents ? Number(cents.padEnd(2, '0')) / 100 : 0);
  if (!Number.isFinite(value) || value > MAX_MONEY) return { ok: false, problem: 'range' };
  return { ok: true, value: Math.round(value * 100) / 100 };
}

/** Parses user-typed money ("1.234,56", "1234.56", "R$ 10") into a number, or null when it is not valid money. */
export function parseMoney(input: string): number | null {
  const r = readMoney(input, { required: true });
  return r.ok ? r.value : null;
}

/** "12,5" days (one decimal at most), in the locale. */
export function formatDays(days: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(days);
}

/** "R$ 4 mil", "R$ 1,2 mi": money short enough for a chart's axis, the Brazilian way like formatMoney. */
export function formatMoneyShort(value: number | null | undefined): string {
  return brlShort.format(value ?? 0);
}

export function formatDateTime(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

export function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
}

/** "3 minutes ago" in the locale, from an ISO time. */
export function formatRelative(iso: string, locale: string, now: number = Date.now()): string {
  const diffSec = Math.round((new Date(iso).getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(diffSec);
  if (abs < 60) return rtf.format(diffSec, 'second');
  if (abs < 3600) return rtf.format(Math.round(diffSec / 60), 'minute');
  if (abs < 86400) return rtf.format(Math.round(diffSec / 3600), 'hour');
  if (abs < 86400 * 30) return rtf.format(Math.round(diffSec / 86400), 'day');
  if (abs < 86400 * 365) return rtf.format(Math.round(diffSec / (86400 * 30)), 'month');
  return rtf.format(Math.round(diffSec / (86400 * 365)), 'year');
}
