import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { register } from '../../api/client';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { AuthShell } from './AuthShell';

export function SignUpPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form, setForm] = useState({ companyName: '', name: '', email: '', password: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await register(form);
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  const top = formError(t, error, ['companyName', 'name', 'email', 'password']);
  return (
    <AuthShell title={t('auth.signUpTitle')}>
      {top && <Alert kind="error">{top}</Alert>}
      <form onSubmit={submit} noValidate>
        <Field label={t('field.companyName')} autoComplete="organization" value={form.companyName} onChange={set('companyName')} errors={fieldErrors(t, error, 'companyName')} />
        <Field label={t('field.name')} autoComplete="name" value={form.name} onChange={set('name')} errors={fieldErrors(t, error, 'name')} />
        <Field label={t('field.email')} type="email" autoComplete="email" value={form.email} onChange={set('email')} errors={fieldErrors(t, error, 'email')} />
        <Field label={t('field.password')} type="password" autoComplete="new-password" value={form.password} onChange={set('password')} errors={fieldErrors(t, error, 'password')} hint={t('auth.passwordHint')} />
        <button type="submit" className="primary wide" disabled={busy}>{busy ? t('common.saving') : t('auth.signUp')}</button>
      </form>
      <p className="auth-links"><span>{t('auth.haveAccount')} <Link to="/sign-in">{t('auth.signIn')}</Link></span></p>
    </AuthShell>
  );
}
