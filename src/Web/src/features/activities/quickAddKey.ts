/** The bits of a keydown the quick-add shortcut looks at (a KeyboardEvent has them all). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  repeat?: boolean;
  target: EventTarget | null;
}

/** Where typing an "n" is text, not a command. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean } | null;
  if (!el) return false;
  return el.isContentEditable === true || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName ?? '');
}

/**
 * "n" opens a new activity on the agenda: a plain N (either case, no Ctrl/Cmd/Alt so the browser's own shortcuts
 * stay), not held down, not while typing in a field, and not while a dialog is open.
 */
export function isQuickAddKey(e: KeyPress, dialogOpen: boolean): boolean {
  if (dialogOpen || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key !== 'n' && e.key !== 'N') return false;
  return !isTyping(e.target);
}
