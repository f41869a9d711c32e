import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { Lead } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { isOwner, useUser } from '../auth/useAuth';
import { useTeam } from '../board/hooks';

/**
 * A new lead (`lead` null, optionally prefilled from `initial`: a WhatsApp chat's profile name and phone) or an
 * edit of one. `onSaved` hears the saved lead before the form closes.
 */
export function LeadForm({ lead, initial, onClose, onSaved }: {
  lead: Lead | null;
  initial?: { name?: string; phone?: string };
  onClose: () => void;
  onSaved?: (lead: Lead) => void;
}) {
  const { t } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const team = useTeam(owner);
  const qc = useQueryClient();
  const [name, setName] = useState(lead?.name ?? initial?.name ?? '');
  const [email, setEmail] = useState(lead?.email ?? '');
  const [phone, setPhone] = useState(lead?.phone ?? initial?.phone ?? '');
  const [ownerId, setOwnerId] = useState(String(lead?.ownerId ?? ''));
  const save = useMutation({
    mutationFn: async () => {
      if (!lead) {
        return api<Lead>('/api/leads', { method: 'POST', body: { name, email, phone: phone || null, ownerId: owner && ownerId ? Number(ownerId) : null } });
      }
      const updated = await api<Lead>(`/api/leads/${lead.id}`, { method: 'PUT', body: { name, email, phone: phone || null } });
      if (owner && ownerId && Number(ownerId) !== lead.ownerId) {
        await api(`/api/leads/${lead.id}/owner`, { method: 'PUT', body: { ownerId: Number(ownerId) } });
      }
      return updated;
    },
    onSuccess: (saved) => {
      onSaved?.(saved);
      void refreshQueries(qc, ['leads']);
      void refreshQueries(qc, ['board']);
      onClose();
    },
  });
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate();
  }
  const err = save.error;
  const top = formError(t, err, ['name', 'email', 'phone', 'ownerId']);
  return (
    <Dialog title={lead ? t('leads.edit') : t('leads.new')} onClose={onClose} testId="lead-form">
      <form onSubmit={submit} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        <Field label={t('leads.name')} value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors(t, err, 'name')} maxLength={200} required />
        <Field label={t('leads.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} errors={fieldErrors(t, err, 'email')} maxLength={320} required />
        <Field label={t('leads.phone')} type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} errors={fieldErrors(t, err, 'phone')} maxLength={40} />
        {owner && (
          <div className="field">
            <label htmlFor="lead-owner">{t('leads.owner')}</label>
            <select id="lead-owner" value={ownerId} onChange={(e) => setOwnerId(e.target.value)}>
              {!lead && <option value="">{user?.name}</option>}
              {(team.data?.items ?? []).filter((u) => u.status === 'Active' || u.id === lead?.ownerId).filter((u) => lead || u.id !== user?.id)
                .map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
            {fieldErrors(t, err, 'ownerId') && <div className="field-error" role="alert">{fieldErrors(t, err, 'ownerId')!.join(' ')}</div>}
          </div>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t('common.saving') : t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
