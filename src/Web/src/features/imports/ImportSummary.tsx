import { useId, useState } from 'react';
import { Link } from 'react-router';
import { downloadFile } from '../../api/download';
import type { ImportView } from '../../api/types';
import { Alert, errorText } from '../../components/States';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { ImportBar } from './ImportBar';
import { ImportCounts } from './ImportCounts';
import { StepHeading } from './StepHeading';

const titles: Readonly<Record<string, MessageKey>> = {
  Completed: 'import.done.completed',
  Cancelled: 'import.done.cancelled',
  Failed: 'import.done.failed',
};

/** Step 4: what the run did, the refused rows as a CSV to fix and import again, and where the leads are now. */
export function ImportSummary({ view }: { view: ImportView }) {
  const { t, locale } = useI18n();
  const ids = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const unread = view.total - view.processed;
  async function download() {
    setBusy(true);
    setError(null);
    try {
      const base = view.fileName.replace(/\.[^.]+$/, '');
      await downloadFile(`/api/imports/${view.id}/errors`, `${base}-${t('import.rejectedFile')}.csv`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section aria-labelledby={`${ids}-title`} className="import-step" data-testid="import-summary">
      <StepHeading id={`${ids}-title`}>{t(titles[view.status] ?? 'import.done.completed')}</StepHeading>
      <p className="wrap">
        {t('import.done.rows', { file: view.fileName, total: view.total.toLocaleString(locale) })}
        {unread > 0 && ` ${t('import.done.unread', { count: unread.toLocaleString(locale) })}`}
      </p>
      <ImportBar view={view} labelledBy={`${ids}-title`} />
      {view.status === 'Failed' && <Alert kind="error">{view.failureReason ?? t('import.done.failed')}</Alert>}
      {view.status === 'Cancelled' && <Alert kind="info">{t('import.done.cancelledHelp')}</Alert>}
      <ImportCounts view={view} />
      {view.failed > 0 && (
        <div className="import-rejected">
          <button type="button" onClick={download} disabled={busy} aria-busy={busy || undefined}>
            {busy ? t('report.downloading') : t('import.downloadRejected')}
          </button>
          <small className="hint block">{t('import.downloadRejectedHelp')}</small>
          {error !== null && <Alert kind="error">{errorText(t, error)}</Alert>}
        </div>
      )}
      <div className="import-next">
        <Link to="/leads">{t('import.seeLeads')}</Link>
        {view.kind === 'deals' && <Link to="/">{t('import.seeBoard')}</Link>}
        <Link to="/leads/importar">{t('import.another')}</Link>
      </div>
    </section>
  );
}
