import { describe, expect, it } from 'vitest';
import type { BoardView } from '../../api/types';
import { applyMove } from './boardCache';

const card = (id: number, stageId: number, value: number) => ({ id, title: `d${id}`, value, stageId, daysInStage: 20 });
const board: BoardView = {
  columns: [
    { stage: { id: 1, name: 'New Lead' }, totalCount: 2, totalValue: 300, deals: [card(1, 1, 100), card(2, 1, 200)] },
    { stage: { id: 6, name: 'Won' }, totalCount: 1, totalValue: 50, deals: [card(3, 6, 50)] },
  ],
};

describe('applyMove', () => {
  it('moves a card across columns and updates counts and totals', () => {
    const b = applyMove(board, 2, 6, [2, 3]);
    expect(b.columns![0].deals!.map((d) => d.id)).toEqual([1]);
    expect(b.columns![0].totalCount).toBe(1);
    expect(b.columns![0].totalValue).toBe(100);
    expect(b.columns![1].deals!.map((d) => d.id)).toEqual([2, 3]);
    expect(b.columns![1].totalCount).toBe(2);
    expect(b.columns![1].totalValue).toBe(250);
    expect(b.columns![1].deals![0].daysInStage).toBe(0);
  });
  it('reorders within a column without touching totals', () => {
    const b = applyMove(board, 2, 1, [2, 1]);
    expect(b.columns![0].deals!.map((d) => d.id)).toEqual([2, 1]);
    expect(b.columns![0].totalCount).toBe(2);
    expect(b.columns![0].totalValue).toBe(300);
  });
  it('leaves the original untouched (rollback relies on it)', () => {
    applyMove(board, 1, 6, [3, 1]);
    expect(board.columns![0].deals!.map((d) => d.id)).toEqual([1, 2]);
  });
  it('shows the loss reason on a card moved into Lost and clears it when it leaves', () => {
    const lost = applyMove(board, 2, 6, [3, 2], 'Preço alto');
    expect(lost.columns![1].deals!.find((d) => d.id === 2)!.lossReason).toBe('Preço alto');
    const back = applyMove(lost, 2, 1, [1, 2]);
    expect(back.columns![0].deals!.find((d) => d.id === 2)!.lossReason).toBeNull();
  });
});
