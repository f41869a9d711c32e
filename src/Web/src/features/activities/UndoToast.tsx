import type { FocusEvent, ReactNode } from 'react';
import { useI18n } from '../../i18n';
import type { UndoTimer } from './undoTimer';

/**
 * "Atividade concluída · Desfazer" at the bottom of the screen. The live region is always there so a screen reader
 * hears each new message; the clock stops while the pointer or the focus is on it.
 */
export function UndoToast<T>({ item, timer, message, onUndo }: { item: T | null; timer: UndoTimer<T>; message: ReactNode; onUndo: (item: T) => void }) {
  const { t } = useI18n();
  const leave = (e: FocusEvent<HTMLDivElement>) => { if (!e.currentTarget.contains(e.relatedTarget as Node | null)) timer.resume(); };
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {item !== null && (
        <div className="toast" data-testid="undo-toast" onMouseEnter={() => timer.pause()} onMouseLeave={() => timer.resume()}
          onFocus={() => timer.pause()} onBlur={leave}>
          <span>{message}</span>
          <button type="button" className="link" onClick={() => { const taken = timer.take(); if (taken !== null) onUndo(taken); }}>{t('activity.undo')}</button>
        </div>
      )}
    </div>
  );
}
