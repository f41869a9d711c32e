import type { ImportView } from '../../api/types';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

const counts: readonly { key: 'created' | 'updated' | 'skipped' | 'failed'; label: MessageKey }[] = [
  { key: 'created', label: 'import.count.created' },
  { key: 'updated', label: 'import.count.updated' },
  { key: 'skipped', label: 'import.count.skipped' },
  { key: 'failed', label: 'import.count.failed' },
];

/** Rows created, updated, skipped (duplicates) and refused so far. */
export function ImportCounts({ view }: { view: Pick<ImportView, 'created' | 'updated' | 'skipped' | 'failed'> }) {
  const { t, locale } = useI18n();
  return (
    <dl className="report-totals import-counts">
      {counts.map(({ key, label }) => (
        <div key={key} className={`total-card${key === 'failed' && view.failed > 0 ? ' is-lost' : ''}`} data-testid={`import-${key}`}>
          <dt>{t(label)}</dt>
          <dd><strong>{view[key].toLocaleString(locale)}</strong></dd>
        </div>
      ))}
    </dl>
  );
}
