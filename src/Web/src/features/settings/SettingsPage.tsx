import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { api, session } from '../../api/client';
import type { User } from '../../api/types';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n, type Locale } from '../../i18n';
import { isOwner, useUser } from '../auth/useAuth';
import { SavedRepliesSection } from '../whatsapp/SavedRepliesSection';
import { CalendarFeedSection } from './CalendarFeedSection';
import { CompanyExportSection } from './CompanyExportSection';

export function SettingsPage() {
  const { t, locale, setLocale } = useI18n();
  const user = useUser();
  return (
    <div className="page narrow">
      <h1>{t('settings.title')}</h1>
      {user && !user.emailVerified && <VerifyBanner />}
      <Profile />
      <section className="panel-section">
        <h2>{t('settings.language')}</h2>
        <div className="field">
          <label htmlFor="set-lang">{t('settings.language')}</label>
          <select id="set-lang" value={locale} onChange={(e) => setLocale(e.target.value as Locale)}>
            <option value="pt-BR">Português (Brasil)</option>
            <option value="en">English</option>
          </select>
        </div>
      </section>
      <CalendarFeedSection />
      <Password />
      {isOwner(user) && <SavedRepliesSection />}
      {isOwner(user) && <Company />}
      {isOwner(user) && <CompanyExportSection />}
      {isOwner(user) && <DeleteCompany />}
    </div>
  );
}

function VerifyBanner() {
  const { t } = useI18n();
  const resend = useMutation({ mutationFn: () => api('/api/auth/verify-email/resend', { method: 'POST' }) });
  return (
    <Alert kind="info">
      {t('settings.verifyEmail')}{' '}
      {resend.isSuccess ? t('settings.verificationSent') : <button type="button" className="link" onClick={() => resend.mutate()}>{t('settings.resendVerification')}</button>}
    </Alert>
  );
}

function Profile() {
  const { t } = useI18n();
  const user = useUser();
  const [name, setName] = useState(user?.name ?? '');
  const [dailyDigest, setDailyDigest] = useState(user?.dailyDigest ?? false);
  const save = useMutation({
    mutationFn: () => api<User>('/api/me', { method: 'PUT', body: { name, dailyDigest } }),
    onSuccess: (u) => session.setUser(u),
  });
  const top = formError(t, save.error, ['name', 'dailyDigest']);
  const digestErrors = fieldErrors(t, save.error, 'dailyDigest');
  return (
    <section className="panel-section">
      <h2>{t('settings.profile')}</h2>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        {save.isSuccess && <Alert kind="success">{t('settings.saved')}</Alert>}
        <Field label={t('field.name')} value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors(t, save.error, 'name')} />
        <Field label={t('field.email')} value={user?.email ?? ''} readOnly />
        <div className="check">
          <input id="set-digest" type="checkbox" checked={dailyDigest} onChange={(e) => setDailyDigest(e.target.checked)}
            aria-describedby={digestErrors ? 'set-digest-hint set-digest-err' : 'set-digest-hint'} />
          <label htmlFor="set-digest">{t('settings.dailyDigest')}</label>
        </div>
        <small id="set-digest-hint" className="hint block">{t('settings.dailyDigestHint')}</small>
        {digestErrors && <div id="set-digest-err" className="field-error" role="alert">{digestErrors.join(' ')}</div>}
        <div className="actions"><button type="submit" className="primary" disabled={save.isPending}>{t('common.save')}</button></div>
      </form>
    </section>
  );
}

/** Business Owner only (PUT /api/tenant); the new name shows at once in the user menu. */
function Company() {
  const { t } = useI18n();
  const user = useUser();
  const [name, setName] = useState(user?.tenant?.name ?? '');
  const save = useMutation({
    mutationFn: () => api<NonNullable<User['tenant']>>('/api/tenant', { method: 'PUT', body: { name } }),
    onSuccess: (tenant) => { if (session.user) session.setUser({ ...session.user, tenant: { ...session.user.tenant, ...tenant } }); },
  });
  const top = formError(t, save.error, ['name']);
  return (
    <section className="panel-section" aria-labelledby="set-company-h">
      <h2 id="set-company-h">{t('settings.company')}</h2>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        {save.isSuccess && <Alert kind="success">{t('settings.saved')}</Alert>}
        <Field label={t('field.companyName')} autoComplete="organization" value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors(t, save.error, 'name')} maxLength={255} />
        <div className="actions"><button type="submit" className="primary" disabled={save.isPending || !name.trim()}>{t('common.save')}</button></div>
      </form>
    </section>
  );
}

function Password() {
  const { t } = useI18n();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const save = useMutation({
    mutationFn: () => api('/api/me/password', { method: 'POST', body: { currentPassword, newPassword } }),
    onSuccess: () => { setCurrent(''); setNew(''); },
  });
  const top = formError(t, save.error, ['currentPassword', 'newPassword']);
  return (
    <section className="panel-section">
      <h2>{t('settings.password')}</h2>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(); }} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        {save.isSuccess && <Alert kind="success">{t('settings.passwordChanged')}</Alert>}
        <Field label={t('settings.currentPassword')} type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} errors={fieldErrors(t, save.error, 'currentPassword')} />
        <Field label={t('auth.newPassword')} type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNew(e.target.value)} errors={fieldErrors(t, save.error, 'newPassword')} hint={t('auth.passwordHint')} />
        <div className="actions"><button type="submit" className="primary" disabled={save.isPending}>{t('settings.changePassword')}</button></div>
      </form>
    </section>
  );
}

function DeleteCompany() {
  const { t } = useI18n();
  const user = useUser();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const company = user?.tenant?.name ?? '';
  const [companyName, setCompanyName] = useState('');
  const [password, setPassword] = useState('');
  const del = useMutation({
    mutationFn: () => api('/api/tenant', { method: 'DELETE', body: { password, companyName } }),
    onSuccess: () => { session.clear(); qc.clear(); navigate('/sign-in', { replace: true }); },
  });
  const top = formError(t, del.error, ['companyName', 'password']);
  return (
    <section className="panel-section danger-zone">
      <h2>{t('settings.deleteCompany')}</h2>
      <p>{t('settings.deleteHelp', { company })}</p>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); del.mutate(); }} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        <Field label={t('settings.typeCompany')} value={companyName} onChange={(e) => setCompanyName(e.target.value)} errors={fieldErrors(t, del.error, 'companyName')} autoComplete="off" />
        <Field label={t('field.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} errors={fieldErrors(t, del.error, 'password')} />
        <div className="actions">
          <button type="submit" className="danger" disabled={del.isPending || companyName !== company || !password}>{t('settings.deleteNow')}</button>
        </div>
      </form>
    </section>
  );
}
