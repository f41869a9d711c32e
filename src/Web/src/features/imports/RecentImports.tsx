import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { formatDateTime } from '../../lib/format';
import { useRecentImports } from './hooks';

/** The caller's latest imports that started, each opening its progress or summary. */
export function RecentImports() {
  const { t, locale } = useI18n();
  const recent = useRecentImports();
  const started = (recent.data?.items ?? []).filter((i) => i.status !== 'Uploaded');
  if (started.length === 0) return null;
  return (
    <section className="panel-section" aria-labelledby="recent-imports">
      <h2 id="recent-imports">{t('import.recent')}</h2>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('import.detected.file')}</th>
              <th scope="col">{t('import.recent.when')}</th>
              <th scope="col">{t('import.recent.status')}</th>
              <th scope="col">{t('import.recent.result')}</th>
            </tr>
          </thead>
          <tbody>
            {started.map((i) => (
              <tr key={i.id}>
                <td className="wrap"><Link to={`/leads/importar/${i.id}`}>{i.fileName}</Link></td>
                <td data-label={t('import.recent.when')}>{formatDateTime(i.startedAt ?? i.createdAt, locale)}</td>
                <td data-label={t('import.recent.status')}><span className={`pill pill-import-${i.status}`}>{t(`import.status.${i.status}` as MessageKey)}</span></td>
                <td data-label={t('import.recent.result')}>
                  {t('import.recent.counts', { created: i.created.toLocaleString(locale), updated: i.updated.toLocaleString(locale), failed: i.failed.toLocaleString(locale) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
