import type { BoardView, DealCard } from '../../api/types';

/**
 * Pure: the board with `dealId` moved to `stageId`, placed at `order` (target column ids after the drop). A move into
 * Lost carries its `lossReason`; a move to another column clears it, as the server does.
 */
export function applyMove(board: BoardView, dealId: number, stageId: number, order: number[], lossReason?: string | null): BoardView {
  const columns = board.columns ?? [];
  let moved: DealCard | undefined;
  for (const c of columns) {
    const found = c.deals?.find((d) => d.id === dealId);
    if (found) moved = found;
  }
  if (!moved) return board;
  const sameStage = moved.stageId === stageId;
  const card: DealCard = {
    ...moved,
    stageId,
    daysInStage: sameStage ? moved.daysInStage : 0,
    lossReason: lossReason ?? (sameStage ? moved.lossReason ?? null : null),
  };
  const value = Number(card.value ?? 0);
  return {
    ...board,
    columns: columns.map((c) => {
      const sid = c.stage?.id;
      const had = !!c.deals?.some((d) => d.id === dealId);
      if (sid === stageId) {
        const byId = new Map((c.deals ?? []).filter((d) => d.id !== dealId).map((d) => [d.id, d]));
        byId.set(dealId, card);
        const deals = order.map((id) => byId.get(id)).filter((d): d is DealCard => !!d);
        return had ? { ...c, deals } : { ...c, deals, totalCount: (c.totalCount ?? 0) + 1, totalValue: (c.totalValue ?? 0) + value };
      }
      if (had) {
        return {
          ...c,
          deals: (c.deals ?? []).filter((d) => d.id !== dealId),
          totalCount: Math.max(0, (c.totalCount ?? 0) - 1),
          totalValue: (c.totalValue ?? 0) - value,
        };
      }
      return c;
    }),
  };
}
