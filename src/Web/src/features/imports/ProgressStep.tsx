import { useId, useState } from 'react';
import type { ImportView } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useI18n } from '../../i18n';
import { useCancelImport } from './hooks';
import { ImportBar } from './ImportBar';
import { ImportCounts } from './ImportCounts';
import { StepHeading } from './StepHeading';

/** Step 3: the run as it goes (live, or polled while the stream is down), and "Cancelar" (what is written stays). */
export function ProgressStep({ view }: { view: ImportView }) {
  const { t } = useI18n();
  const ids = useId();
  const cancel = useCancelImport(view.id);
  const [confirming, setConfirming] = useState(false);
  return (
    <section aria-labelledby={`${ids}-title`} className="import-step">
      <StepHeading id={`${ids}-title`}>{t('import.running', { file: view.fileName })}</StepHeading>
      <ImportBar view={view} labelledBy={`${ids}-title`} />
      <ImportCounts view={view} />
      {view.cancelRequested ? <p className="muted" role="status">{t('import.cancelling')}</p> : (
        <div className="actions">
          <button type="button" className="danger" onClick={() => { cancel.reset(); setConfirming(true); }}>{t('import.cancel')}</button>
        </div>
      )}
      {confirming && (
        <ConfirmDialog title={t('import.cancelTitle')} confirmLabel={t('import.cancel')} cancelLabel={t('import.keepGoing')} danger
          busy={cancel.isPending} error={cancel.error} onCancel={() => setConfirming(false)}
          onConfirm={() => cancel.mutate(undefined, { onSuccess: () => setConfirming(false) })}>
          <p>{t('import.cancelConfirm')}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
