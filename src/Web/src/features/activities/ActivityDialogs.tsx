import { useId, useState, type FormEvent } from 'react';
import type { Activity } from '../../api/types';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { ActivityForm } from './ActivityForm';
import { OUTCOME_MAX } from './activityDraft';
import { useCompleteActivity, useDeleteActivity } from './hooks';

export type ActivityAction = { kind: 'edit' | 'delete' | 'outcome'; activity: Activity };

/** The dialogs a row's buttons open: edit it, delete it (after asking), or mark it done with what came of it. */
export function ActivityDialogs({ action, onClose }: { action: ActivityAction | null; onClose: () => void }) {
  if (!action) return null;
  if (action.kind === 'edit') return <ActivityForm activity={action.activity} onClose={onClose} />;
  if (action.kind === 'delete') return <DeleteActivity activity={action.activity} onClose={onClose} />;
  return <CompleteWithOutcome activity={action.activity} onClose={onClose} />;
}

function DeleteActivity({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useI18n();
  const del = useDeleteActivity();
  return (
    <ConfirmDialog title={t('activity.deleteTitle')} confirmLabel={t('common.delete')} danger busy={del.isPending} error={del.error}
      onCancel={onClose} onConfirm={() => del.mutate(activity.id!, { onSuccess: onClose })}>
      <p className="wrap">{t('activity.deleteConfirm', { subject: activity.subject ?? '' })}</p>
    </ConfirmDialog>
  );
}

function CompleteWithOutcome({ activity, onClose }: { activity: Activity; onClose: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [outcome, setOutcome] = useState('');
  const complete = useCompleteActivity();
  const errors = fieldErrors(t, complete.error, 'outcome');
  const top = formError(t, complete.error, ['outcome']);
  function submit(e: FormEvent) {
    e.preventDefault();
    complete.mutate({ id: activity.id!, outcome: outcome.trim() }, { onSuccess: onClose });
  }
  return (
    <Dialog title={t('activity.complete')} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="wrap">{activity.subject}</p>
        {top && <Alert kind="error">{top}</Alert>}
        <div className={`field${errors ? ' field-invalid' : ''}`}>
          <label htmlFor={id}>{t('activity.outcome')}</label>
          <textarea id={id} rows={3} value={outcome} maxLength={OUTCOME_MAX} onChange={(e) => setOutcome(e.target.value)}
            aria-invalid={!!errors || undefined} aria-describedby={errors ? `${id}-err` : undefined} />
          {errors && <div id={`${id}-err`} className="field-error" role="alert">{errors.join(' ')}</div>}
        </div>
        <div className="actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={complete.isPending}>{t('activity.markDone')}</button>
        </div>
      </form>
    </Dialog>
  );
}
