/**
 * The deal panel edits title and value against the deal's `version` (PostgreSQL xmin). Every write to
 * the row changes it — a move, a reorder of its column, a new owner — so a version mismatch alone does
 * not mean someone else edited what the form edits. These rules tell a stale token from a real conflict.
 */
export interface DealFields {
  title: string;
  value: number;
}

export interface VersionedDeal extends DealFields {
  version: number;
}

export function sameFields(a: DealFields, b: DealFields): boolean {
  return a.title.trim() === b.title.trim() && Math.round(a.value * 100) === Math.round(b.value * 100);
}

/**
 * What the form does when the deal arrives anew from the server (refetch after a move, a live update):
 * keep — nothing changed; rebase — only the version moved on (stage, order, owner), so adopt it silently;
 * reload — the fields changed and the form is untouched (or already shows the same), so show the new values;
 * conflict — the fields changed under the user's unsaved edit.
 */
export type ServerDealDecision = 'keep' | 'rebase' | 'reload' | 'conflict';

export function onServerDeal(base: VersionedDeal, latest: VersionedDeal, mine: DealFields): ServerDealDecision {
  if (latest.version === base.version) return 'keep';
  if (sameFields(latest, base)) return 'rebase';
  const dirty = !sameFields(mine, base);
  return dirty && !sameFields(mine, latest) ? 'conflict' : 'reload';
}

/**
 * After the server answered 409 to a save: retry with the latest version when nobody touched the title
 * or value since the form loaded them; done when the latest already holds what the user typed;
 * otherwise a real conflict to show.
 */
export type ConflictDecision = { kind: 'retry'; version: number } | { kind: 'same' } | { kind: 'conflict' };

export function afterConflict(base: DealFields, latest: VersionedDeal, mine: DealFields): ConflictDecision {
  if (sameFields(latest, base)) return { kind: 'retry', version: latest.version };
  if (sameFields(latest, mine)) return { kind: 'same' };
  return { kind: 'conflict' };
}
