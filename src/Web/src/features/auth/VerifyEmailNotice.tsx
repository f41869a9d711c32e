import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { errorText } from '../../components/States';
import { useI18n } from '../../i18n';
import { useUser } from './useAuth';

const hiddenKey = (userId: number) => `crm.verifyNotice.hidden.${userId}`;

function isHidden(userId: number): boolean {
  try { return sessionStorage.getItem(hiddenKey(userId)) === '1'; } catch { return false; }
}

/**
 * Right after sign-up the board says to confirm the e-mail (inviting people needs it), with a way to have the link
 * sent again. Closing it hides it for this user until the browser tab is closed.
 */
export function VerifyEmailNotice() {
  const { t } = useI18n();
  const user = useUser();
  const [hidden, setHidden] = useState(() => (user?.id ? isHidden(user.id) : false));
  const resend = useMutation({ mutationFn: () => api('/api/auth/verify-email/resend', { method: 'POST' }) });
  if (!user || user.emailVerified || hidden || !user.id) return null;
  function hide() {
    try { sessionStorage.setItem(hiddenKey(user!.id!), '1'); } catch { /* private mode: hidden for this page only */ }
    setHidden(true);
  }
  return (
    <div className="alert alert-info verify-notice" role="region" aria-label={t('settings.verifyEmail')}>
      <span>{t('verify.notice', { email: user.email ?? '' })}</span>
      {resend.isSuccess
        ? <strong role="status">{t('verify.sent')}</strong>
        : <button type="button" onClick={() => resend.mutate()} disabled={resend.isPending}>{t('verify.resend')}</button>}
      {resend.isError && <span className="field-error" role="alert">{errorText(t, resend.error)}</span>}
      <button type="button" className="icon" onClick={hide} aria-label={t('verify.dismiss')}>×</button>
    </div>
  );
}
