import { describe, expect, it } from 'vitest';
import { afterConflict, onServerDeal, sameFields } from './dealEdit';

const base = { version: 10, title: 'Website', value: 1500 };

describe('onServerDeal', () => {
  const typed = { title: 'Website redesign', value: 1500 };
  it('keeps the form when the version did not change', () => {
    expect(onServerDeal(base, { ...base }, typed)).toBe('keep');
  });
  it('adopts a new version silently after a move (same title and value), even mid-edit', () => {
    expect(onServerDeal(base, { ...base, version: 11 }, typed)).toBe('rebase');
    expect(onServerDeal(base, { ...base, version: 11 }, base)).toBe('rebase');
  });
  it('shows another user\'s edit when the form is untouched', () => {
    expect(onServerDeal(base, { version: 11, title: 'Website v2', value: 1500 }, base)).toBe('reload');
  });
  it('takes the saved values when they are what the form shows', () => {
    expect(onServerDeal(base, { version: 11, ...typed }, typed)).toBe('reload');
  });
  it('flags a conflict when another user edited under unsaved changes', () => {
    expect(onServerDeal(base, { version: 11, title: 'Website', value: 2000 }, typed)).toBe('conflict');
  });
});

describe('afterConflict', () => {
  it('retries with the current version when only the stage or order changed', () => {
    expect(afterConflict(base, { ...base, version: 12 }, { title: 'Site', value: 10 })).toEqual({ kind: 'retry', version: 12 });
  });
  it('is done when the server already holds what the user typed', () => {
    expect(afterConflict(base, { version: 12, title: 'Site', value: 10 }, { title: 'Site ', value: 10.001 })).toEqual({ kind: 'same' });
  });
  it('is a real conflict when someone else changed the title or value', () => {
    expect(afterConflict(base, { version: 12, title: 'Other', value: 1500 }, { title: 'Site', value: 10 })).toEqual({ kind: 'conflict' });
  });
});

describe('sameFields', () => {
  it('compares money in cents and titles without edge spaces', () => {
    expect(sameFields({ title: ' a ', value: 1.2 }, { title: 'a', value: 1.2000001 })).toBe(true);
    expect(sameFields({ title: 'a', value: 1.2 }, { title: 'a', value: 1.21 })).toBe(false);
  });
});
