import { ApiError } from '../api/problem';
import { problemFieldMessages, problemMessage } from '../api/problemText';
import { useI18n, type TFunction } from '../i18n';

export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) return problemMessage(t, err.problem);
  return t('common.error');
}

/** Messages not shown on a field (form-level). */
export function formError(t: TFunction, err: unknown, fields: readonly string[]): string | null {
  if (!err) return null;
  if (err instanceof ApiError) {
    const shown = fields.some((f) => err.fieldErrors[f]?.length);
    if (shown) return null;
  }
  return errorText(t, err);
}

/** The server's messages for one field, in the user's language where known. */
export function fieldErrors(t: TFunction, err: unknown, field: string): string[] | undefined {
  return err instanceof ApiError ? problemFieldMessages(t, err.problem, field) : undefined;
}

export function Loading() {
  const { t } = useI18n();
  return <div className="state state-loading" role="status" aria-live="polite">{t('common.loading')}</div>;
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <span>{errorText(t, error)}</span>
      {onRetry && <button type="button" onClick={onRetry}>{t('common.retry')}</button>}
    </div>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

export function Alert({ kind, children }: { kind: 'error' | 'info' | 'success'; children: React.ReactNode }) {
  return <div className={`alert alert-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>{children}</div>;
}
