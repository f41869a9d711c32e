import { useState, type MouseEvent } from 'react';
import { buildUrl } from '../../api/client';
import { downloadFile } from '../../api/download';
import { Alert, errorText } from '../../components/States';
import { useI18n } from '../../i18n';

export type ReportQuery = Record<string, string | number | undefined>;

/**
 * "Baixar CSV": the report's own address with format=csv. The API wants the Bearer token, so a click fetches the file
 * with the client and saves it under the server's name (column names in the screen's language).
 */
export function CsvLink({ path, query, fallbackName, label }: { path: string; query: ReportQuery; fallbackName: string; label: string }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const csvQuery = { ...query, format: 'csv' };
  async function download(e: MouseEvent<HTMLAnchorElement>) {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await downloadFile(path, fallbackName, { query: csvQuery, headers: { 'Accept-Language': locale } });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="csv-link">
      <a href={buildUrl(path, csvQuery)} onClick={download} aria-busy={busy || undefined} data-testid="csv-download">
        {busy ? t('report.downloading') : t('report.downloadCsv')}<span className="sr-only"> ({label})</span>
      </a>
      {error !== null && <Alert kind="error">{errorText(t, error)}</Alert>}
    </span>
  );
}
