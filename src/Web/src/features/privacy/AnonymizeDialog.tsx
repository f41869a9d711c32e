import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { LeadDetail } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { confirmsName } from './privacyRules';

/**
 * Anonymizing a lead: says what is replaced and what is kept, asks for the lead's name typed again, then shows the lead
 * as it now is. Every screen holding the lead, its deals or activities is refetched; boards elsewhere hear it live.
 */
export function AnonymizeDialog({ lead, onClose }: { lead: LeadDetail; onClose: () => void }) {
  const { t } = useI18n();
  const qc = useQueryClient();
  // The name as the dialog opened: the lead behind it is refetched with its new name once done.
  const [name] = useState(lead.name ?? '');
  const [typed, setTyped] = useState('');
  const anonymize = useMutation({
    mutationFn: () => api<LeadDetail>(`/api/leads/${lead.id}/anonymize`, { method: 'POST', body: { confirm: typed } }),
    onSuccess: (done) => {
      qc.setQueryData(['lead', lead.id], done);
      for (const key of [['lead'], ['leads'], ['board'], ['deal'], ['activities'], ['audit']]) void refreshQueries(qc, key);
    },
  });
  const done = anonymize.data;
  const top = formError(t, anonymize.error, ['confirm']);
  function submit(e: FormEvent) {
    e.preventDefault();
    if (confirmsName(typed, name)) anonymize.mutate();
  }
  return (
    <Dialog title={t('privacy.anonymizeTitle', { name })} onClose={onClose} testId="anonymize-dialog">
      {done ? (
        <>
          <Alert kind="success">{t('privacy.anonymized', { name: done.name ?? '' })}</Alert>
          <p className="muted wrap">{done.email}</p>
          {(done.deals ?? []).length > 0 && (
            <>
              <p>{t('privacy.anonymizedDeals')}</p>
              <ul className="lead-deals">
                {(done.deals ?? []).map((d) => <li key={d.id}>{d.title} · {formatMoney(Number(d.value ?? 0))} · {d.ownerName}</li>)}
              </ul>
            </>
          )}
          <div className="actions"><button type="button" className="primary" onClick={onClose}>{t('common.close')}</button></div>
        </>
      ) : (
        <form onSubmit={submit} noValidate>
          <p className="wrap">{t('privacy.anonymizeReplaced')}</p>
          <p className="wrap">{t('privacy.anonymizeKept')}</p>
          <p><strong>{t('privacy.anonymizeIrreversible')}</strong></p>
          {top && <Alert kind="error">{top}</Alert>}
          <Field label={t('privacy.typeName', { name })} value={typed} onChange={(e) => setTyped(e.target.value)}
            errors={fieldErrors(t, anonymize.error, 'confirm')} autoComplete="off" maxLength={255} />
          <div className="actions">
            <button type="button" onClick={onClose}>{t('common.cancel')}</button>
            <button type="submit" className="primary danger" disabled={anonymize.isPending || !confirmsName(typed, name)}>{t('privacy.anonymizeNow')}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
