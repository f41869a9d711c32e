import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, session } from '../../api/client';
import { ApiError } from '../../api/problem';
import type { InvitationPreview, Tokens } from '../../api/types';
import { Field } from '../../components/Field';
import { Alert, errorText, fieldErrors, formError, Loading } from '../../components/States';
import { useI18n, type TFunction } from '../../i18n';
import { AuthShell } from './AuthShell';

function inviteProblem(t: TFunction, err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'invitation.expired') return t('invite.expired');
    if (err.code === 'invitation.revoked') return t('invite.revoked');
    if (err.code === 'invitation.accepted') return t('invite.accepted');
    if (err.status === 404) return t('invite.notFound');
  }
  return errorText(t, err);
}

export function AcceptInvitePage() {
  const { t } = useI18n();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const preview = useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => api<InvitationPreview>(`/api/invitations/by-token/${encodeURIComponent(token)}`, { noRetry: true }),
    retry: false,
  });
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const tokens = await api<Tokens>(`/api/invitations/by-token/${encodeURIComponent(token)}/accept`, { method: 'POST', body: { name, password }, noRetry: true });
      session.set(tokens);
      navigate('/', { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  if (preview.isPending) return <AuthShell title={t('app.name')}><Loading /></AuthShell>;
  if (preview.isError) {
    return (
      <AuthShell title={t('app.name')}>
        <Alert kind="error">{inviteProblem(t, preview.error)}</Alert>
        <p className="auth-links"><Link to="/sign-in">{t('auth.signIn')}</Link></p>
      </AuthShell>
    );
  }
  const inv = preview.data;
  const top = formError(t, error, ['name', 'password']);
  return (
    <AuthShell title={t('invite.title', { company: inv.companyName ?? '' })}>
      <p>{t('invite.help', { email: inv.email ?? '' })}</p>
      {top && <Alert kind="error">{top}</Alert>}
      <form onSubmit={submit} noValidate>
        <Field label={t('field.email')} type="email" value={inv.email ?? ''} readOnly />
        <Field label={t('field.name')} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors(t, error, 'name')} />
        <Field label={t('field.password')} type="password" autoComplete="new-password" value={password}
          onChange={(e) => setPassword(e.target.value)} errors={fieldErrors(t, error, 'password')} hint={t('auth.passwordHint')} />
        <button type="submit" className="primary wide" disabled={busy}>{t('invite.accept')}</button>
      </form>
    </AuthShell>
  );
}
