import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import type { Activity, CreateActivityRequest, UpdateActivityRequest } from '../../api/types';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/SelectField';
import { Alert, fieldErrors, formError } from '../../components/States';
import { useI18n } from '../../i18n';
import { isOwner, useUser } from '../auth/useAuth';
import { useTeam } from '../board/hooks';
import { localDay } from './activityDates';
import { checkActivity, NOTES_MAX, SUBJECT_MAX, type ActivityDraft, type DraftField, type Mistake } from './activityDraft';
import { ActivityTypePicker } from './ActivityTypePicker';
import { refreshActivities } from './hooks';
import { LeadDealPicker } from './LeadDealPicker';

/** Where the form was opened from: a deal (its lead goes with it), a lead, or nowhere (the form asks). */
export interface ActivityContext {
  deal?: { id: number; title: string };
  lead?: { id: number; name: string };
}

function draftOf(a: Activity | undefined): ActivityDraft {
  return {
    typeId: String(a?.type?.id ?? 1),
    subject: a?.subject ?? '',
    dueDate: a?.dueDate ?? localDay(),
    dueTime: a?.dueTime ?? '',
    durationMinutes: a?.durationMinutes != null ? String(a.durationMinutes) : '',
    notes: a?.notes ?? '',
    leadId: '',
    dealId: '',
  };
}

/** Creates an activity or edits one; the same dialog on the agenda, in the deal panel, on a lead and after a move. */
export function ActivityForm({ activity, context = {}, title, onClose, onSaved }: {
  activity?: Activity;
  context?: ActivityContext;
  title?: string;
  onClose: () => void;
  onSaved?: (saved: Activity) => void;
}) {
  const { t } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const team = useTeam(owner);
  const qc = useQueryClient();
  const notesId = useId();
  const [draft, setDraft] = useState<ActivityDraft>(() => draftOf(activity));
  const [ownerId, setOwnerId] = useState(String(activity?.owner?.id ?? ''));
  const [mistakes, setMistakes] = useState<Partial<Record<DraftField, Mistake>>>({});
  const asksForLead = !activity && !context.deal && !context.lead;
  const set = (field: keyof ActivityDraft) => (value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setMistakes(({ [field as DraftField]: _gone, ...rest }) => rest);
  };

  const save = useMutation({
    mutationFn: (body: CreateActivityRequest | UpdateActivityRequest) => activity
      ? api<Activity>(`/api/activities/${activity.id}`, { method: 'PUT', body })
      : api<Activity>('/api/activities', { method: 'POST', body }),
    onSuccess: (saved) => {
      void refreshActivities(qc);
      onSaved?.(saved);
      onClose();
    },
  });

  function about(): Pick<CreateActivityRequest, 'leadId' | 'dealId'> {
    if (activity) return {};
    if (context.deal) return { dealId: context.deal.id };
    // A deal implies its lead: the server is given one or the other.
    if (draft.dealId) return { dealId: Number(draft.dealId) };
    return { leadId: context.lead?.id ?? Number(draft.leadId) };
  }
  function submit(e: FormEvent) {
    e.preventDefault();
    const check = checkActivity(draft, { needsLead: asksForLead });
    if (!check.ok) {
      setMistakes(check.errors);
      save.reset();
      return;
    }
    setMistakes({});
    // A business owner may give it to someone else; an unchanged owner is not sent (it may since have left).
    const newOwner = owner && ownerId && ownerId !== String(activity?.owner?.id ?? '') ? { ownerId: Number(ownerId) } : {};
    save.mutate({ ...check.body, ...about(), ...newOwner });
  }

  const err = save.error;
  const errorsOf = (field: DraftField) => {
    const m = mistakes[field];
    return m ? [t(m.key, m.vars)] : fieldErrors(t, err, field);
  };
  const shown = ['typeId', 'subject', 'dueDate', 'dueTime', 'durationMinutes', 'notes', ...(owner ? ['ownerId'] : []), ...(asksForLead || context.lead ? ['leadId', 'dealId'] : [])];
  const top = formError(t, err, shown);
  const notesErrors = errorsOf('notes');
  const aboutText = activity
    ? [activity.deal?.title, activity.lead?.name].filter(Boolean).join(' · ')
    : context.deal?.title;
  const people = (team.data?.items ?? []).filter((u) => u.status === 'Active' && u.id !== user?.id);
  return (
    <Dialog title={title ?? (activity ? t('activity.edit') : t('activity.new'))} onClose={onClose} className="activity-dialog">
      <form onSubmit={submit} noValidate>
        {top && <Alert kind="error">{top}</Alert>}
        {aboutText && <p className="muted wrap" data-testid="activity-about">{t('activity.about', { what: aboutText })}</p>}
        <Field label={t('activity.subject')} value={draft.subject} onChange={(e) => set('subject')(e.target.value)} errors={errorsOf('subject')}
          maxLength={SUBJECT_MAX} required autoComplete="off" />
        <ActivityTypePicker value={draft.typeId} onChange={set('typeId')} errors={errorsOf('typeId')} />
        <div className="field-row">
          <Field label={t('activity.date')} type="date" value={draft.dueDate} onChange={(e) => set('dueDate')(e.target.value)} errors={errorsOf('dueDate')} required />
          <Field label={t('activity.time')} type="time" value={draft.dueTime} onChange={(e) => set('dueTime')(e.target.value)} errors={errorsOf('dueTime')}
            hint={t('activity.timeHint')} />
          <Field label={t('activity.duration')} type="number" inputMode="numeric" min={1} step={1} value={draft.durationMinutes}
            onChange={(e) => set('durationMinutes')(e.target.value)} errors={errorsOf('durationMinutes')} />
        </div>
        {(asksForLead || context.lead) && (
          <LeadDealPicker lead={context.lead} leadId={draft.leadId} dealId={draft.dealId} onLead={set('leadId')} onDeal={set('dealId')}
            leadErrors={errorsOf('leadId')} dealErrors={fieldErrors(t, err, 'dealId')} />
        )}
        {owner && (
          <SelectField label={t('activity.owner')} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} errors={fieldErrors(t, err, 'ownerId')}>
            {activity ? <option value={activity.owner?.id}>{activity.owner?.name}</option> : <option value="">{user?.name}</option>}
            {activity && activity.owner?.id !== user?.id && <option value={user?.id}>{user?.name}</option>}
            {people.filter((u) => u.id !== activity?.owner?.id).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </SelectField>
        )}
        <div className={`field${notesErrors ? ' field-invalid' : ''}`}>
          <label htmlFor={notesId}>{t('activity.notes')}</label>
          <textarea id={notesId} rows={3} value={draft.notes} maxLength={NOTES_MAX} onChange={(e) => set('notes')(e.target.value)}
            aria-invalid={!!notesErrors || undefined} aria-describedby={notesErrors ? `${notesId}-err` : undefined} />
          {notesErrors && <div id={`${notesId}-err`} className="field-error" role="alert">{notesErrors.join(' ')}</div>}
        </div>
        <div className="actions">
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
          <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? t('common.saving') : t('common.save')}</button>
        </div>
      </form>
    </Dialog>
  );
}
