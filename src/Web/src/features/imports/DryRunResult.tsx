import type { DryRun, DuplicateRule } from '../../api/types';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';
import { listsEveryRefusal } from './columnMapping';

/** The dry run: rows ready, refused and duplicate, and the refusals (line, field, message in the user's language). */
export function DryRunResult({ result, duplicates }: { result: DryRun; duplicates: DuplicateRule }) {
  const { t, locale } = useI18n();
  const n = (v: number) => v.toLocaleString(locale);
  return (
    <div className="dry-run" data-testid="dry-run">
      <h3>{t('import.check.title')}</h3>
      <dl className="report-totals import-counts">
        <div className="total-card is-won" data-testid="dry-run-valid"><dt>{t('import.check.valid')}</dt><dd><strong>{n(result.valid)}</strong></dd></div>
        <div className={`total-card${result.invalid > 0 ? ' is-lost' : ''}`} data-testid="dry-run-invalid"><dt>{t('import.check.invalid')}</dt><dd><strong>{n(result.invalid)}</strong></dd></div>
        <div className="total-card" data-testid="dry-run-duplicates">
          <dt>{t(duplicates === 'update' ? 'import.check.duplicatesUpdate' : 'import.check.duplicatesSkip')}</dt>
          <dd><strong>{n(result.duplicates)}</strong></dd>
        </div>
      </dl>
      {result.errors.length === 0 ? <p>{t('import.check.noErrors')}</p> : (
        <>
          <div className="table-wrap">
            <table className="table" data-testid="dry-run-errors">
              <caption className="sr-only">{t('import.check.errors')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('import.check.row')}</th>
                  <th scope="col">{t('import.check.field')}</th>
                  <th scope="col">{t('import.check.message')}</th>
                </tr>
              </thead>
              <tbody>
                {result.errors.map((e, i) => (
                  <tr key={`${e.row}-${e.field}-${i}`}>
                    <td data-label={t('import.check.row')}>{e.row}</td>
                    <td data-label={t('import.check.field')}>{t(`import.field.${e.field}` as MessageKey)}</td>
                    <td className="wrap" data-label={t('import.check.message')}>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!listsEveryRefusal(result.invalid, result.errors) && <p className="hint">{t('import.check.firstErrors', { count: n(result.errors.length) })}</p>}
          <p className="hint">{t('import.check.rejectedLater')}</p>
        </>
      )}
    </div>
  );
}
