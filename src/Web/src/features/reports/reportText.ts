import type { TFunction } from '../../i18n';
import { formatDays } from '../../lib/format';
import { formatPercent } from './reportNumbers';

/** "1 negócio", "3 negócios". */
export const dealsText = (t: TFunction, count: number) => (count === 1 ? t('report.oneDeal') : t('report.deals', { count }));

/** "60%", or a dash when there is nothing to divide. */
export const rateText = (locale: string, rate: number | null | undefined) => (rate == null ? '—' : formatPercent(rate, locale));

/** "12,5 dias", or a dash when nothing was won. */
export const daysText = (t: TFunction, locale: string, days: number | null | undefined) =>
  days == null ? '—' : days === 1 ? t('timeline.oneDay') : t('timeline.days', { days: formatDays(days, locale) });
