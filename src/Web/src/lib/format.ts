const brl = new Intl.NumberFormat('pt-BR', { style: 'currency', currency: 'BRL' });

/**
 * Money is BRL and reads the Brazilian way in either language ("R$ 1.234,50"): the company's money is in reais
 * whatever language a user picks for the screens (issue 8: totals with Intl pt-BR).
 */
export function formatMoney(value: number | null | undefined): string {
  return brl.format(value ?? 0);
}

/** Parses user-typed money ("1.234,56", "1234.56", "R$ 10") into a number, or null. */
export function parseMoney(input: string): number | null {
  let s = input.replace(/[^\d.,-]/g, '');
  if (!s) return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma > lastDot) {
    s = s.replace(/\./g, '').replace(',', '.');
  } else if (lastDot > lastComma && lastComma >= 0) {
    s = s.replace(/,/g, '');
  } else if (lastDot >= 0 && lastComma < 0) {
    // "1.234" with 3 decimals reads as thousands in pt-BR
    const parts = s.split('.');
    if (parts.length > 2 || parts[parts.length - 1].length === 3) s = parts.join('');
  }
  const n = Number(s);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100) / 100;
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
