import { describe, expect, it } from 'vitest';
import { isQuickAddKey, type KeyPress } from './quickAddKey';

const press = (over: Partial<KeyPress> = {}): KeyPress => ({ key: 'n', ctrlKey: false, metaKey: false, altKey: false, repeat: false, target: { tagName: 'BODY' } as unknown as EventTarget, ...over });
const on = (tagName: string, extra: object = {}) => ({ tagName, ...extra }) as unknown as EventTarget;

describe('isQuickAddKey', () => {
  it('opens on a plain n or N outside fields', () => {
    expect(isQuickAddKey(press(), false)).toBe(true);
    expect(isQuickAddKey(press({ key: 'N' }), false)).toBe(true);
    expect(isQuickAddKey(press({ target: on('BUTTON') }), false)).toBe(true);
  });
  it('leaves typing alone: inputs, text areas, selects, editable text', () => {
    expect(isQuickAddKey(press({ target: on('INPUT') }), false)).toBe(false);
    expect(isQuickAddKey(press({ target: on('TEXTAREA') }), false)).toBe(false);
    expect(isQuickAddKey(press({ target: on('SELECT') }), false)).toBe(false);
    expect(isQuickAddKey(press({ target: on('DIV', { isContentEditable: true }) }), false)).toBe(false);
  });
  it('leaves the browser its shortcuts (Ctrl+N, Cmd+N, Alt+N) and ignores a held key', () => {
    expect(isQuickAddKey(press({ ctrlKey: true }), false)).toBe(false);
    expect(isQuickAddKey(press({ metaKey: true }), false)).toBe(false);
    expect(isQuickAddKey(press({ altKey: true }), false)).toBe(false);
    expect(isQuickAddKey(press({ repeat: true }), false)).toBe(false);
  });
  it('does nothing while a dialog is open or for other keys', () => {
    expect(isQuickAddKey(press(), true)).toBe(false);
    expect(isQuickAddKey(press({ key: 'm' }), false)).toBe(false);
  });
});
