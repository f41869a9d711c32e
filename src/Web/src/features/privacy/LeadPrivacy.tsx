import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { downloadFile } from '../../api/download';
import type { LeadDetail } from '../../api/types';
import { Alert, errorText } from '../../components/States';
import { useI18n } from '../../i18n';
import { AnonymizeDialog } from './AnonymizeDialog';

/** A Business Owner's LGPD tools on a lead: hand out what is held about the person, or anonymize them. */
export function LeadPrivacy({ lead }: { lead: LeadDetail }) {
  const { t } = useI18n();
  const headingId = useId();
  const [anonymizing, setAnonymizing] = useState(false);
  const download = useMutation({
    mutationFn: () => downloadFile(`/api/leads/${lead.id}/personal-data`, `lead-${lead.id}-dados-pessoais.json`, { headers: { Accept: 'application/json' } }),
  });
  return (
    <section className="panel-section" aria-labelledby={headingId} data-testid="lead-privacy">
      <h3 id={headingId}>{t('privacy.title')}</h3>
      <div className="row-actions">
        <button type="button" onClick={() => download.mutate()} disabled={download.isPending} title={t('privacy.downloadHint')}>{t('privacy.download')}</button>
        <button type="button" className="danger" onClick={() => setAnonymizing(true)}>{t('privacy.anonymize')}</button>
      </div>
      <small className="hint block">{t('privacy.downloadHint')}</small>
      {!!download.error && <Alert kind="error">{errorText(t, download.error)}</Alert>}
      {anonymizing && <AnonymizeDialog lead={lead} onClose={() => setAnonymizing(false)} />}
    </section>
  );
}
