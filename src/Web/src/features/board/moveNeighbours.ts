/**
 * Given the ids of a column's cards as they will be shown AFTER the drop
 * (the moved card already at its new index), answers the neighbours the API
 * wants: beforeDealId = the card the moved card now sits BEFORE (the next one),
 * afterDealId = the card it now sits AFTER (the previous one).
 * Neither: the column was empty (the server appends at the end).
 */
export interface MoveNeighbours {
  beforeDealId?: string;
  afterDealId?: string;
}

export function neighboursAt(orderAfterDrop: readonly string[], movedId: string): MoveNeighbours {
  const i = orderAfterDrop.indexOf(movedId);
  if (i < 0) throw new Error('moved card is not in the column order');
  const out: MoveNeighbours = {};
  if (i > 0) out.afterDealId = orderAfterDrop[i - 1];
  if (i < orderAfterDrop.length - 1) out.beforeDealId = orderAfterDrop[i + 1];
  return out;
}

/**
 * Builds the target column order after dropping `movedId` into `targetIds`
 * (the target column's current ids, which may include the moved card when
 * moving within a column) at `overIndex` (the index of the card dropped on,
 * or targetIds.length / -1 for "end of column").
 */
export function orderAfterDrop(
  targetIds: readonly string[],
  movedId: string,
  overIndex: number,
  sameColumn: boolean,
): string[] {
  const without = targetIds.filter((id) => id !== movedId);
  let idx: number;
  if (overIndex < 0 || overIndex >= targetIds.length) {
    idx = without.length;
  } else if (sameColumn) {
    // arrayMove semantics: the card takes the index of the card it was dropped on
    idx = overIndex;
  } else {
    idx = overIndex;
  }
  idx = Math.max(0, Math.min(idx, without.length));
  return [...without.slice(0, idx), movedId, ...without.slice(idx)];
}

/** Convenience: neighbours for a drop, as sent to POST /api/deals/{id}/move. */
export function computeMove(
  targetIds: readonly string[],
  movedId: string,
  overIndex: number,
  sameColumn: boolean,
): MoveNeighbours & { order: string[] } {
  const order = orderAfterDrop(targetIds, movedId, overIndex, sameColumn);
  return { ...neighboursAt(order, movedId), order };
}

/** Where a card dropped at pointer height `y` lands among cards whose vertical middles are `middles` (top to bottom). */
export function indexAtPointer(middles: readonly number[], y: number): number {
  let i = 0;
  while (i < middles.length && middles[i] < y) i++;
  return i;
}
