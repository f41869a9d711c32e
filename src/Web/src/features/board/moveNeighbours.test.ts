import { describe, expect, it } from 'vitest';
import { computeMove, indexAtPointer, neighboursAt, orderAfterDrop } from './moveNeighbours';

describe('neighboursAt', () => {
  it('gives the previous card as afterDealId and the next as beforeDealId', () => {
    expect(neighboursAt(['a', 'x', 'b'], 'x')).toEqual({ afterDealId: 'a', beforeDealId: 'b' });
  });
  it('first position has only beforeDealId', () => {
    expect(neighboursAt(['x', 'a', 'b'], 'x')).toEqual({ beforeDealId: 'a' });
  });
  it('last position has only afterDealId', () => {
    expect(neighboursAt(['a', 'b', 'x'], 'x')).toEqual({ afterDealId: 'b' });
  });
  it('alone in the column has neither', () => {
    expect(neighboursAt(['x'], 'x')).toEqual({});
  });
  it('throws when the card is missing', () => {
    expect(() => neighboursAt(['a'], 'x')).toThrow();
  });
});

describe('computeMove', () => {
  it('into another column, dropped on a card: goes before that card', () => {
    const r = computeMove(['a', 'b', 'c'], 'x', 1, false);
    expect(r.order).toEqual(['a', 'x', 'b', 'c']);
    expect(r).toMatchObject({ afterDealId: 'a', beforeDealId: 'b' });
  });
  it('into another column, dropped on the column itself: end of column', () => {
    const r = computeMove(['a', 'b'], 'x', -1, false);
    expect(r.order).toEqual(['a', 'b', 'x']);
    expect(r.afterDealId).toBe('b');
    expect(r.beforeDealId).toBeUndefined();
  });
  it('into an empty column: no neighbours', () => {
    const r = computeMove([], 'x', -1, false);
    expect(r.order).toEqual(['x']);
    expect(r.afterDealId).toBeUndefined();
    expect(r.beforeDealId).toBeUndefined();
  });
  it('within a column, moving down lands after the card dropped on (arrayMove)', () => {
    const r = computeMove(['x', 'a', 'b', 'c'], 'x', 2, true);
    expect(r.order).toEqual(['a', 'b', 'x', 'c']);
    expect(r).toMatchObject({ afterDealId: 'b', beforeDealId: 'c' });
  });
  it('within a column, moving up lands before the card dropped on', () => {
    const r = computeMove(['a', 'b', 'c', 'x'], 'x', 1, true);
    expect(r.order).toEqual(['a', 'x', 'b', 'c']);
    expect(r).toMatchObject({ afterDealId: 'a', beforeDealId: 'b' });
  });
  it('within a column, to the top', () => {
    const r = computeMove(['a', 'b', 'x'], 'x', 0, true);
    expect(r.order).toEqual(['x', 'a', 'b']);
    expect(r).toEqual({ order: ['x', 'a', 'b'], beforeDealId: 'a' });
  });
  it('orderAfterDrop clamps an index past the end', () => {
    expect(orderAfterDrop(['a'], 'x', 5, false)).toEqual(['a', 'x']);
  });
});

describe('indexAtPointer', () => {
  it('counts the cards whose middle is above the pointer', () => {
    expect(indexAtPointer([100, 220, 340], 50)).toBe(0);
    expect(indexAtPointer([100, 220, 340], 150)).toBe(1);
    expect(indexAtPointer([100, 220, 340], 400)).toBe(3);
    expect(indexAtPointer([], 400)).toBe(0);
  });
  it('stays put while the pointer is inside the placeholder gap (cards below moved down by it)', () => {
    // placeholder of 110px at index 1: the second card's middle moved from 220 to 330
    expect(indexAtPointer([100, 330, 450], 200)).toBe(1);
    expect(indexAtPointer([100, 330, 450], 270)).toBe(1);
  });
  it('agrees with the order sent to the server', () => {
    const ids = ['7', '8', '9'];
    const { order, afterDealId, beforeDealId } = computeMove(ids, '1', indexAtPointer([100, 220, 340], 250), false);
    expect(order).toEqual(['7', '8', '1', '9']);
    expect([afterDealId, beforeDealId]).toEqual(['8', '9']);
  });
});
