import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { Lead } from '../../api/types';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import type { ConversationLead } from './LeadConversation';

/** "This lead has no phone": the phone is added right here (the lead's name and e-mail stay as they are). */
export function LeadPhoneForm({ lead }: { lead: ConversationLead }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  const [phone, setPhone] = useState(lead.phone ?? '');
  const save = useMutation({
    mutationFn: () => api<Lead>(`/api/leads/${lead.id}`, { method: 'PUT', body: { name: lead.name, email: lead.email, phone: phone.trim() } }),
    onSuccess: () => {
      // The panels showing this lead (a deal's or its own) reload it, and with the phone the conversation opens.
      void refreshQueries(qc, ['deal']);
      void refreshQueries(qc, ['lead', lead.id]);
      void refreshQueries(qc, ['leads']);
      void refreshQueries(qc, ['wa', 'lead', lead.id]);
    },
  });
  const top = formError(t, save.error, ['phone']);
  return (
    <div className="wa-state" data-testid="wa-no-phone">
      <p><strong>{t('wa.noPhone')}</strong> {t('wa.noPhoneHelp')}</p>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); if (phone.trim()) save.mutate(); }} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        <Field label={t('leads.phone')} type="tel" autoComplete="off" value={phone} maxLength={40}
          onChange={(e) => setPhone(e.target.value)} errors={fieldErrors(t, save.error, 'phone')} data-testid="wa-phone-input" />
        <div className="actions">
          <button type="submit" disabled={save.isPending || !phone.trim()}>{save.isPending ? t('common.saving') : t('wa.savePhone')}</button>
        </div>
      </form>
    </div>
  );
}
