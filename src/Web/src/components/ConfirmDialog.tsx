import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Dialog } from './Dialog';
import { Alert, errorText } from './States';

/** The app's own "are you sure?" (never the browser's confirm): Cancel first and focused, the action beside it. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel, danger = false, busy = false, error, onConfirm, onCancel }: {
  title: string; children?: ReactNode; confirmLabel: string; cancelLabel?: string; danger?: boolean; busy?: boolean; error?: unknown;
  onConfirm: () => void; onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <Dialog title={title} onClose={onCancel}>
      {children}
      {!!error && <Alert kind="error">{errorText(t, error)}</Alert>}
      <div className="actions">
        <button type="button" onClick={onCancel}>{cancelLabel ?? t('common.cancel')}</button>
        <button type="button" className={danger ? 'primary danger' : 'primary'} disabled={busy} onClick={onConfirm}>{confirmLabel}</button>
      </div>
    </Dialog>
  );
}
