import { useId, useState } from 'react';
import type { Activity } from '../../api/types';
import { Alert, Empty, ErrorBox, errorText, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { isOwner, useUser } from '../auth/useAuth';
import { localDay } from './activityDates';
import { ActivityDialogs, type ActivityAction } from './ActivityDialogs';
import { ActivityForm, type ActivityContext } from './ActivityForm';
import { ActivityRow, type RowShows } from './ActivityRow';
import { splitActivities } from './activityRules';
import { useActivitiesOf, useCompleteActivity, useReopenActivity, type About } from './hooks';

/**
 * A deal's or a lead's activities: the next one first, the other open ones after it, then what was done (the history),
 * each to complete or reopen, edit or delete; and a button to schedule one about it.
 */
export function ActivitiesSection({ about, context }: { about: About; context: ActivityContext }) {
  const { t } = useI18n();
  const user = useUser();
  const headingId = useId();
  const list = useActivitiesOf(about);
  const complete = useCompleteActivity();
  const reopen = useReopenActivity();
  const [adding, setAdding] = useState(false);
  const [action, setAction] = useState<ActivityAction | null>(null);
  const today = localDay();
  const shows: RowShows = { owner: isOwner(user), dealLink: 'leadId' in about ? (id) => `/deals/${id}` : undefined };
  const busyId = complete.isPending ? complete.variables?.id : reopen.isPending ? reopen.variables : undefined;
  const toggleError = complete.error ?? reopen.error;
  const { next, later, done } = splitActivities(list.data?.items ?? []);
  const row = (a: Activity, isNext = false) => (
    <ActivityRow key={a.id} activity={a} today={today} shows={shows} busy={busyId === a.id} isNext={isNext}
      onToggle={() => (a.done ? reopen.mutate(a.id!) : complete.mutate({ id: a.id! }))}
      onEdit={() => setAction({ kind: 'edit', activity: a })}
      onDelete={() => setAction({ kind: 'delete', activity: a })}
      onOutcome={() => setAction({ kind: 'outcome', activity: a })} />
  );
  return (
    <section className="panel-section activities" aria-labelledby={headingId} data-testid="activities-section">
      <div className="section-head">
        <h3 id={headingId}>{t('activity.section')}</h3>
        <button type="button" onClick={() => setAdding(true)}>+ {t('activity.schedule')}</button>
      </div>
      {toggleError && <Alert kind="error">{errorText(t, toggleError)}</Alert>}
      {list.isPending && <Loading />}
      {list.isError && <ErrorBox error={list.error} onRetry={() => list.refetch()} />}
      {list.isSuccess && !next && done.length === 0 && <Empty>{t('activity.none')}</Empty>}
      {next && (
        <>
          <h4 className="activity-group">{t('activity.openHeading')}</h4>
          <ul className="activity-list">
            {row(next, true)}
            {later.map((a) => row(a))}
          </ul>
        </>
      )}
      {done.length > 0 && (
        <>
          <h4 className="activity-group">{t('activity.doneHeading')}</h4>
          <ul className="activity-list">{done.map((a) => row(a))}</ul>
        </>
      )}
      {adding && <ActivityForm context={context} title={t('activity.schedule')} onClose={() => setAdding(false)} />}
      <ActivityDialogs action={action} onClose={() => setAction(null)} />
    </section>
  );
}
