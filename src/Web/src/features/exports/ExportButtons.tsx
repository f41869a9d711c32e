import { useId, useState } from 'react';
import { downloadFile } from '../../api/download';
import { Alert, errorText } from '../../components/States';
import { useI18n } from '../../i18n';
import { localDay } from '../activities/activityDates';
import { exportAccept, exportFileName, exportQuery, type ExportFilters, type ExportFormat, type ExportKind } from './exportRequest';

/**
 * "Exportar: CSV | Excel" for a list: the list's own filters go along, so the file is what the screen shows (all of
 * it, not one page). The API wants the Bearer token, so a click fetches the file with the client and saves it under
 * the server's name, with column names in the screen's language.
 */
export function ExportButtons({ kind, filters }: { kind: ExportKind; filters: ExportFilters }) {
  const { t, locale } = useI18n();
  const labelId = useId();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function download(format: ExportFormat) {
    if (busy) return;
    setBusy(format);
    setError(null);
    try {
      await downloadFile(`/api/exports/${kind}`, exportFileName(kind, format, localDay()), {
        query: exportQuery(filters, format),
        headers: { Accept: exportAccept[format], 'Accept-Language': locale },
      });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }
  return (
    <div className="export-buttons" role="group" aria-labelledby={labelId} data-testid={`export-${kind}`}>
      <span id={labelId} className="muted">{t('export.label')}</span>
      {(['csv', 'xlsx'] as const).map((format) => (
        <button key={format} type="button" onClick={() => download(format)} disabled={busy !== null} aria-busy={busy === format || undefined}>
          {busy === format ? t('export.preparing') : t(format === 'csv' ? 'export.csv' : 'export.xlsx')}
        </button>
      ))}
      {error !== null && <Alert kind="error">{errorText(t, error)}</Alert>}
    </div>
  );
}
