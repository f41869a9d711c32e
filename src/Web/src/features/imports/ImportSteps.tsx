import { useI18n } from '../../i18n';
import type { MessageKey } from '../../i18n/en';

const steps: readonly MessageKey[] = ['import.step.file', 'import.step.columns', 'import.step.run', 'import.step.summary'];

/** Where the wizard is: file, columns, import, summary. */
export function ImportSteps({ current }: { current: number }) {
  const { t } = useI18n();
  return (
    <ol className="import-steps" aria-label={t('import.steps')}>
      {steps.map((key, i) => (
        <li key={key} className={i < current ? 'is-done' : i === current ? 'is-current' : undefined} aria-current={i === current ? 'step' : undefined}>
          <span className="import-step-number" aria-hidden="true">{i + 1}</span> {t(key)}
        </li>
      ))}
    </ol>
  );
}
