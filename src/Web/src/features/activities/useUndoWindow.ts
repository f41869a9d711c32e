import { useEffect, useState } from 'react';
import { UndoTimer } from './undoTimer';

/** An UndoTimer whose open item is React state (null when no window is open). */
export function useUndoWindow<T>(ms: number): { item: T | null; timer: UndoTimer<T> } {
  const [item, setItem] = useState<T | null>(null);
  const [timer] = useState(() => new UndoTimer<T>(ms, setItem));
  useEffect(() => () => timer.close(), [timer]);
  return { item, timer };
}
