import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { login } from '../../api/client';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { AuthShell } from './AuthShell';

export function SignInPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [rememberMe, setRememberMe] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const notice = (location.state as { notice?: string } | null)?.notice;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email, password, rememberMe);
      navigate(from, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const top = formError(t, error, ['email', 'password']);
  return (
    <AuthShell title={t('auth.signIn')}>
      {notice && <Alert kind="info">{notice}</Alert>}
      {top && <Alert kind="error">{top}</Alert>}
      <form onSubmit={submit} noValidate>
        <Field label={t('field.email')} type="email" autoComplete="email" required value={email}
          onChange={(e) => setEmail(e.target.value)} errors={fieldErrors(t, error, 'email')} />
        <Field label={t('field.password')} type="password" autoComplete="current-password" required value={password}
          onChange={(e) => setPassword(e.target.value)} errors={fieldErrors(t, error, 'password')} />
        <label className="check">
          <input type="checkbox" checked={rememberMe} onChange={(e) => setRememberMe(e.target.checked)} />
          {t('auth.rememberMe')}
        </label>
        <button type="submit" className="primary wide" disabled={busy}>{busy ? t('auth.signingIn') : t('auth.signIn')}</button>
      </form>
      <p className="auth-links">
        <Link to="/forgot-password">{t('auth.forgot')}</Link>
        <span>{t('auth.noAccount')} <Link to="/sign-up">{t('auth.signUp')}</Link></span>
      </p>
    </AuthShell>
  );
}
