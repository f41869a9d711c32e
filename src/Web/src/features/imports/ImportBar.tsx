import type { ImportView } from '../../api/types';
import { useI18n } from '../../i18n';
import { progressPercent } from './importProgress';

/** The rows read as a bar (role=progressbar) and in words: "1.000 de 4.000 linhas (25%)". */
export function ImportBar({ view, labelledBy }: { view: Pick<ImportView, 'processed' | 'total' | 'status'>; labelledBy: string }) {
  const { t, locale } = useI18n();
  const percent = progressPercent(view.processed, view.total);
  const text = t('import.progressText', {
    processed: view.processed.toLocaleString(locale),
    total: view.total.toLocaleString(locale),
    percent: new Intl.NumberFormat(locale, { style: 'percent' }).format(percent / 100),
  });
  return (
    <>
      <div className="import-bar" role="progressbar" aria-labelledby={labelledBy} aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={percent} aria-valuetext={text} data-testid="import-progress">
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className="import-bar-text">{view.status === 'Running' && view.processed === 0 ? t('import.starting') : text}</p>
    </>
  );
}
