import type { SavedReply } from '../../api/types';

/** The most options the picker lists at once. */
export const PICKER_LIMIT = 20;

/**
 * What was typed after a "/" at the very start of the reply box, while it is one line: the picker's filter ("" right
 * after the "/"). Null when the box is not asking for a saved reply.
 */
export function slashQuery(text: string): string | null {
  if (!text.startsWith('/')) return null;
  const rest = text.slice(1);
  return rest.includes('\n') ? null : rest;
}

/** Case, accents and surrounding spaces do not count: "proposta" finds "Proposta enviada", "orcamento" finds "Orçamento". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

/**
 * The saved replies a query picks, best first: names that start with it, then names that contain it, then replies
 * whose text contains it. An empty query lists them all, in the server's order (by name).
 */
export function filterReplies(replies: readonly SavedReply[], query: string): SavedReply[] {
  const q = fold(query);
  if (!q) return replies.slice(0, PICKER_LIMIT);
  const starts: SavedReply[] = [];
  const names: SavedReply[] = [];
  const bodies: SavedReply[] = [];
  for (const r of replies) {
    const name = fold(r.name);
    if (name.startsWith(q)) starts.push(r);
    else if (name.includes(q)) names.push(r);
    else if (fold(r.body).includes(q)) bodies.push(r);
  }
  return [...starts, ...names, ...bodies].slice(0, PICKER_LIMIT);
}

export type PickerAction =
  | { kind: 'move'; active: number }
  | { kind: 'pick'; index: number }
  | { kind: 'close' }
  /** Swallow the key: Enter with nothing to pick must not send "/orcamento" to a customer by mistake. */
  | { kind: 'hold' };

/**
 * A key pressed in the reply box while the picker is open with `count` options and `active` highlighted: the arrows
 * move (round the ends), Enter picks, Escape closes the list (then Enter sends the text as typed). Null: the key is
 * the box's own (typing, Shift+Enter, anything while an IME composes).
 */
export function pickerKey(key: string, mods: { shift: boolean; composing: boolean }, active: number, count: number): PickerAction | null {
  if (mods.composing) return null;
  if (key === 'Escape') return { kind: 'close' };
  if (key === 'Enter' && !mods.shift) return count === 0 ? { kind: 'hold' } : { kind: 'pick', index: Math.min(Math.max(active, 0), count - 1) };
  if (count === 0) return null;
  if (key === 'ArrowDown') return { kind: 'move', active: (active + 1) % count };
  if (key === 'ArrowUp') return { kind: 'move', active: (active - 1 + count) % count };
  return null;
}

/** Enter sends; Shift+Enter is a new line; Enter that ends an IME composition (accents, Japanese…) is not a send. */
export function sendsOnKey(key: string, mods: { shift: boolean; composing: boolean }): boolean {
  return key === 'Enter' && !mods.shift && !mods.composing;
}
