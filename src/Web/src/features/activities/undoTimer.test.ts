import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UndoTimer } from './undoTimer';

describe('UndoTimer', () => {
  let shown: (string | null)[];
  let timer: UndoTimer<string>;
  beforeEach(() => {
    vi.useFakeTimers();
    shown = [];
    timer = new UndoTimer<string>(5000, (item) => shown.push(item), () => Date.now());
  });
  afterEach(() => vi.useRealTimers());

  it('offers the undo for 5 seconds, then closes by itself', () => {
    timer.open('a');
    vi.advanceTimersByTime(4999);
    expect(shown).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a', null]);
    expect(timer.take()).toBeNull();
  });
  it('gives the item back once when undone in time, and closes', () => {
    timer.open('a');
    vi.advanceTimersByTime(3000);
    expect(timer.take()).toBe('a');
    expect(timer.take()).toBeNull();
    expect(shown).toEqual(['a', null]);
    vi.advanceTimersByTime(5000);
    expect(shown).toEqual(['a', null]);
  });
  it('a second completion replaces the first, with a fresh 5 seconds', () => {
    timer.open('a');
    vi.advanceTimersByTime(4000);
    timer.open('b');
    vi.advanceTimersByTime(4000);
    expect(shown).toEqual(['a', 'b']);
    expect(timer.take()).toBe('b');
  });
  it('stops the clock while paused and runs on for what was left', () => {
    timer.open('a');
    vi.advanceTimersByTime(3000);
    timer.pause();
    vi.advanceTimersByTime(60_000);
    expect(shown).toEqual(['a']);
    timer.resume();
    vi.advanceTimersByTime(1999);
    expect(shown).toEqual(['a']);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual(['a', null]);
  });
  it('closing without undoing tells once and leaves nothing to undo', () => {
    timer.open('a');
    timer.close();
    timer.close();
    expect(shown).toEqual(['a', null]);
    expect(timer.take()).toBeNull();
    timer.resume();
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual(['a', null]);
  });
});
