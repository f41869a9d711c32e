import type { MessageKey } from '../../i18n/en';

/** The common reasons every company is offered, in the user's language. */
export const commonLossReasons: readonly MessageKey[] = [
  'lossReason.price',
  'lossReason.competitor',
  'lossReason.noBudget',
  'lossReason.noResponse',
  'lossReason.postponed',
  'lossReason.notAFit',
];

/** How many of the company's own reasons are offered besides the common ones. */
export const MAX_COMPANY_REASONS = 6;

/** A reason as the loss-reasons report groups it: no case, no accents, single spaces ("  PREÇO " is "preco"). */
export function foldReason(reason: string): string {
  return reason.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The reasons to offer: the common ones, then the company's most used (in the report's order, most used first) that
 * are not one of them (in any language: `sameAs` holds every spelling of the common ones) nor a repeat, at most `max`.
 */
export function lossReasonSuggestions(common: readonly string[], used: readonly string[], sameAs: readonly string[] = [], max = MAX_COMPANY_REASONS): string[] {
  const seen = new Set([...common, ...sameAs].map(foldReason));
  const extra: string[] = [];
  for (const reason of used) {
    const folded = foldReason(reason);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    extra.push(reason.trim().replace(/\s+/g, ' '));
    if (extra.length >= max) break;
  }
  return [...common, ...extra];
}
