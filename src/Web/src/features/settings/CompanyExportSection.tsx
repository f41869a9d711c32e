import { useState } from 'react';
import { downloadFile } from '../../api/download';
import { Alert, errorText } from '../../components/States';
import { useI18n } from '../../i18n';

/**
 * The Business Owner's copy of everything the company has in the CRM (GET /api/tenant/export): a ZIP with one CSV per
 * table, offered right before deleting the company.
 */
export function CompanyExportSection() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function download() {
    if (busy) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      setSaved(await downloadFile('/api/tenant/export', 'workshop-crm.zip', { headers: { Accept: 'application/zip' } }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section className="panel-section" aria-labelledby="set-export-h">
      <h2 id="set-export-h">{t('settings.exportCompany')}</h2>
      <p>{t('settings.exportCompanyHelp')}</p>
      {saved && <Alert kind="success">{t('settings.exportCompanySaved', { file: saved })}</Alert>}
      {error !== null && <Alert kind="error">{errorText(t, error)}</Alert>}
      <div className="actions">
        <button type="button" onClick={download} disabled={busy} aria-busy={busy || undefined} data-testid="company-export">
          {busy ? t('export.preparing') : t('settings.exportCompanyButton')}
        </button>
      </div>
    </section>
  );
}
