import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { Invitation, Paged, TeamMember } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { Alert, Empty, ErrorBox, errorText, fieldErrors, formError, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { formatDate } from '../../lib/format';
import { useUser } from '../auth/useAuth';
import { useTeam } from '../board/hooks';
import { AuditLogSection } from './AuditLogSection';

export function TeamPage() {
  const { t } = useI18n();
  // Business Owner only: the route is guarded by RequireOwner.
  return (
    <div className="page">
      <h1>{t('team.title')}</h1>
      <Users />
      <Invitations />
      <AuditLogSection />
    </div>
  );
}

function Users() {
  const { t, locale } = useI18n();
  const me = useUser();
  const qc = useQueryClient();
  const users = useTeam();
  const [leaving, setLeaving] = useState<TeamMember | null>(null);
  const reactivate = useMutation({
    mutationFn: (id: number) => api(`/api/users/${id}/reactivate`, { method: 'POST' }),
    onSettled: () => { void refreshQueries(qc, ['users']); void refreshQueries(qc, ['audit']); },
  });
  const items = users.data?.items ?? [];
  return (
    <section className="panel-section" aria-labelledby="users-h">
      <h2 id="users-h">{t('team.users')}</h2>
      {reactivate.error && <Alert kind="error">{errorText(t, reactivate.error)}</Alert>}
      {users.isPending && <Loading />}
      {users.isError && <ErrorBox error={users.error} onRetry={() => users.refetch()} />}
      {users.isSuccess && items.length === 0 && <Empty>{t('team.noUsers')}</Empty>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th scope="col">{t('leads.name')}</th><th scope="col">{t('leads.email')}</th><th scope="col">{t('team.role')}</th><th scope="col">{t('team.status')}</th><th scope="col"><span className="sr-only">{t('leads.actions')}</span></th></tr></thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id}>
                  <td className="wrap">{u.name}{u.createdAt && <small className="muted block">{formatDate(u.createdAt, locale)}</small>}</td>
                  <td className="wrap">{u.email}</td>
                  <td>{t(`team.role.${u.role}` as MessageKey)}</td>
                  <td><span className={`pill pill-${u.status}`}>{t(`team.status.${u.status}` as MessageKey)}</span></td>
                  <td><div className="row-actions">
                    {u.id !== me?.id && (u.status === 'Active'
                      ? <button type="button" onClick={() => { reactivate.reset(); setLeaving(u); }}>{t('team.deactivate')}</button>
                      : <button type="button" onClick={() => reactivate.mutate(u.id!)}>{t('team.reactivate')}</button>)}
                  </div></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {leaving && <DeactivateDialog user={leaving} team={items} onClose={() => setLeaving(null)} />}
    </section>
  );
}

/**
 * "Deactivate Ana?": she is signed out at once; her open deals and leads can pass to another active user (the one
 * deactivating, by default) or stay with her. The board keeps showing her in its owner filter, as inactive.
 */
function DeactivateDialog({ user, team, onClose }: { user: TeamMember; team: TeamMember[]; onClose: () => void }) {
  const { t } = useI18n();
  const me = useUser();
  const qc = useQueryClient();
  const heirs = team.filter((u) => u.status === 'Active' && u.id !== user.id);
  const [handOverTo, setHandOverTo] = useState(heirs.some((u) => u.id === me?.id) ? String(me!.id) : '');
  const deactivate = useMutation({
    mutationFn: () => api(`/api/users/${user.id}/deactivate`, { method: 'POST', body: handOverTo ? { handOverTo: Number(handOverTo) } : {} }),
    onSuccess: () => {
      void refreshQueries(qc, ['users']);
      void refreshQueries(qc, ['audit']);
      if (handOverTo) {
        void refreshQueries(qc, ['board']);
        void refreshQueries(qc, ['leads']);
      }
      onClose();
    },
  });
  const name = user.name ?? '';
  const top = formError(t, deactivate.error, ['handOverTo']);
  return (
    <Dialog title={t('team.deactivateTitle', { name })} onClose={onClose}>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); deactivate.mutate(); }} noValidate>
        <p>{t('team.deactivateHelp', { name })}</p>
        {top && <Alert kind="error">{top}</Alert>}
        <SelectField label={t('team.handOverTo')} value={handOverTo} onChange={(e) => setHandOverTo(e.target.value)} errors={fieldErrors(t, deactivate.error, 'handOverTo')}>
          <option value="">{t('team.handOverNobody', { name })}</option>
          {heirs.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
        </SelectField>
        <div className="actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary danger" disabled={deactivate.isPending}>{t('team.deactivate')}</button>
        </div>
      </form>
    </Dialog>
  );
}

function Invitations() {
  const { t, locale } = useI18n();
  const qc = useQueryClient();
  const invs = useQuery({ queryKey: ['invitations'], queryFn: () => api<Paged<Invitation>>('/api/invitations', { query: { pageSize: 200 } }) });
  const [email, setEmail] = useState('');
  const [links, setLinks] = useState<Record<number, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const remember = (inv: Invitation) => { if (inv.id && inv.link) setLinks((l) => ({ ...l, [inv.id!]: inv.link! })); };
  const invite = useMutation({
    mutationFn: () => api<Invitation>('/api/invitations', { method: 'POST', body: { email } }),
    onSuccess: (inv) => { remember(inv); setEmail(''); setNotice(inv.link ? t('team.linkReady', { link: inv.link }) : null); void refreshQueries(qc, ['invitations']); },
  });
  const resend = useMutation({
    mutationFn: (id: number) => api<Invitation>(`/api/invitations/${id}/resend`, { method: 'POST' }),
    onSuccess: (inv) => { remember(inv); setNotice(inv.link ? t('team.linkReady', { link: inv.link }) : null); void refreshQueries(qc, ['invitations']); },
  });
  const revoke = useMutation({
    mutationFn: (id: number) => api(`/api/invitations/${id}/revoke`, { method: 'POST' }),
    onSuccess: () => void refreshQueries(qc, ['invitations']),
  });
  // One message at a time: a new action clears the last one's notice and error.
  const startAction = () => { setNotice(null); invite.reset(); resend.reset(); revoke.reset(); };
  async function copy(link: string) {
    try { await navigator.clipboard.writeText(link); setNotice(t('team.copied')); } catch { setNotice(t('team.linkReady', { link })); }
  }
  function submit(e: FormEvent) { e.preventDefault(); startAction(); invite.mutate(); }
  const items = invs.data?.items ?? [];
  const actionErr = resend.error ?? revoke.error;
  const top = formError(t, invite.error, ['email']);
  return (
    <section className="panel-section" aria-labelledby="inv-h">
      <h2 id="inv-h">{t('team.invitations')}</h2>
      <form onSubmit={submit} noValidate className="inline-form">
        <Field label={t('team.inviteEmail')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrors(t, invite.error, 'email')} />
        <button type="submit" className="primary" disabled={invite.isPending}>{t('team.invite')}</button>
      </form>
      {top && <Alert kind="error">{top}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {actionErr && <Alert kind="error">{errorText(t, actionErr)}</Alert>}
      {invs.isPending && <Loading />}
      {invs.isError && <ErrorBox error={invs.error} onRetry={() => invs.refetch()} />}
      {invs.isSuccess && items.length === 0 && <Empty>{t('team.noInvitations')}</Empty>}
      {items.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead><tr><th scope="col">{t('leads.email')}</th><th scope="col">{t('team.status')}</th><th scope="col">{t('team.expires')}</th><th scope="col"><span className="sr-only">{t('leads.actions')}</span></th></tr></thead>
            <tbody>
              {items.map((i) => {
                const link = links[i.id!] ?? i.link;
                return (
                  <tr key={i.id}>
                    <td className="wrap">{i.email}</td>
                    <td><span className={`pill pill-${i.status}`}>{t(`team.inv.${i.status}` as MessageKey)}</span></td>
                    <td>{i.expiresAt && formatDate(i.expiresAt, locale)}</td>
                    <td><div className="row-actions">
                      {i.status === 'Pending' && link && <button type="button" onClick={() => { startAction(); void copy(link); }}>{t('team.copyLink')}</button>}
                      {(i.status === 'Pending' || i.status === 'Expired') && <button type="button" onClick={() => { startAction(); resend.mutate(i.id!); }}>{t('team.resend')}</button>}
                      {i.status === 'Pending' && <button type="button" className="danger" onClick={() => { startAction(); revoke.mutate(i.id!); }}>{t('team.revoke')}</button>}
                    </div></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
