import type { TFunction } from '../../i18n';

export interface Waiting {
  unit: 'min' | 'h' | 'day';
  n: number;
}

/** How long a customer has waited, in whole minutes (at least 1), hours or days, rounded down. */
export function waitingFor(sinceIso: string, now: number): Waiting {
  const minutes = Math.max(1, Math.floor((now - new Date(sinceIso).getTime()) / 60_000));
  if (minutes < 60) return { unit: 'min', n: minutes };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'h', n: hours };
  return { unit: 'day', n: Math.floor(hours / 24) };
}

/** "aguardando resposta há 5 min", "há 2 h", "há 3 dias" ("awaiting reply for 2 h"). */
export function awaitingReplyLabel(t: TFunction, sinceIso: string, now: number): string {
  const w = waitingFor(sinceIso, now);
  if (w.unit === 'min') return t('wa.awaiting.min', { n: w.n });
  if (w.unit === 'h') return t('wa.awaiting.h', { n: w.n });
  return w.n === 1 ? t('wa.awaiting.day') : t('wa.awaiting.days', { n: w.n });
}
