import { useId } from 'react';
import type { UploadedImport } from '../../api/types';
import { useI18n } from '../../i18n';
import { encodingKey, separatorKey } from './spreadsheetFile';

/** What the server found in the file (format, encoding, separator, rows) and its first rows as they will be read. */
export function DetectedFile({ uploaded }: { uploaded: UploadedImport }) {
  const { t, locale } = useI18n();
  const ids = useId();
  const { import: file, sampleRows } = uploaded;
  const encoding = encodingKey(file.encoding);
  const separator = separatorKey(file.separator);
  return (
    <>
      <h3>{t('import.detected')}</h3>
      <dl className="import-detected" data-testid="import-detected">
        <div><dt>{t('import.detected.file')}</dt><dd className="wrap">{file.fileName}</dd></div>
        <div><dt>{t('import.detected.format')}</dt><dd>{file.format === 'xlsx' ? t('import.format.xlsx') : t('import.format.csv')}</dd></div>
        {encoding && <div><dt>{t('import.detected.encoding')}</dt><dd>{t(encoding)}</dd></div>}
        {separator && <div><dt>{t('import.detected.separator')}</dt><dd>{t(separator)}</dd></div>}
        <div><dt>{t('import.detected.rows')}</dt><dd>{t('import.rows', { count: file.total.toLocaleString(locale) })}</dd></div>
      </dl>
      <h3 id={`${ids}-sample`}>{t('import.sample', { count: sampleRows.length })}</h3>
      <div className="table-wrap import-sample" data-testid="import-sample" role="region" aria-labelledby={`${ids}-sample`} tabIndex={0}>
        <table className="table">
          <thead>
            <tr>{file.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
          </thead>
          <tbody>
            {sampleRows.map((row, r) => (
              <tr key={r}>
                {file.columns.map((c, i) => <td key={c} className="wrap" data-label={c}>{row[i] ?? ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
