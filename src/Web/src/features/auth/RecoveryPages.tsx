import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { AuthShell } from './AuthShell';

export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/forgot-password', { method: 'POST', body: { email }, noRetry: true });
      setSent(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const top = formError(t, error, ['email']);
  return (
    <AuthShell title={t('auth.forgotTitle')}>
      {sent ? <Alert kind="success">{t('auth.forgotSent')}</Alert> : <p>{t('auth.forgotHelp')}</p>}
      {top && <Alert kind="error">{top}</Alert>}
      <form onSubmit={submit} noValidate>
        <Field label={t('field.email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrors(t, error, 'email')} />
        <button type="submit" className="primary wide" disabled={busy}>{t('auth.forgotSend')}</button>
      </form>
      <p className="auth-links"><Link to="/sign-in">{t('auth.signIn')}</Link></p>
    </AuthShell>
  );
}

export function ResetPasswordPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const email = params.get('email') ?? '';
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api('/api/auth/reset-password', { method: 'POST', body: { email, token, password }, noRetry: true });
      navigate('/sign-in', { replace: true, state: { notice: t('auth.resetDone') } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const top = formError(t, error, ['password']);
  return (
    <AuthShell title={t('auth.resetTitle')}>
      {(!email || !token) && <Alert kind="error">{t('auth.resetMissing')}</Alert>}
      {top && <Alert kind="error">{top}</Alert>}
      <form onSubmit={submit} noValidate>
        <Field label={t('field.email')} type="email" value={email} readOnly />
        <Field label={t('auth.newPassword')} type="password" autoComplete="new-password" value={password}
          onChange={(e) => setPassword(e.target.value)} errors={fieldErrors(t, error, 'password')} hint={t('auth.passwordHint')} />
        <button type="submit" className="primary wide" disabled={busy || !token}>{t('common.save')}</button>
      </form>
    </AuthShell>
  );
}

export function VerifyEmailPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<'busy' | 'ok' | 'failed'>(token ? 'busy' : 'failed');
  const started = useRef(false);
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    api('/api/auth/verify-email', { method: 'POST', body: { token }, noRetry: true })
      .then(() => setState('ok'))
      .catch(() => setState('failed'));
  }, [token]);
  return (
    <AuthShell title={t('auth.verifyTitle')}>
      {state === 'busy' && <p role="status">{t('auth.verifying')}</p>}
      {state === 'ok' && <Alert kind="success">{t('auth.verified')}</Alert>}
      {state === 'failed' && <Alert kind="error">{t('auth.verifyFailed')}</Alert>}
      <p className="auth-links"><Link to="/">{t('common.backHome')}</Link></p>
    </AuthShell>
  );
}
