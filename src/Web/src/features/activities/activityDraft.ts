import type { CreateActivityRequest } from '../../api/types';
import type { MessageKey } from '../../i18n/en';

/** The activity form as typed: every field a string, as the inputs hold them. */
export interface ActivityDraft {
  typeId: string;
  subject: string;
  dueDate: string;
  dueTime: string;
  durationMinutes: string;
  notes: string;
  /** The lead picked in the form; unused when the deal or lead comes from where the form was opened. */
  leadId: string;
  dealId: string;
}

export type DraftField = keyof Omit<ActivityDraft, 'dealId'>;
export interface Mistake { key: MessageKey; vars?: Record<string, string | number> }

export const SUBJECT_MAX = 255;
export const NOTES_MAX = 10_000;
export const OUTCOME_MAX = 2_000;
/** The days the server takes (a typo like year 20260 is refused, not scheduled). */
const EARLIEST = '2000-01-01';
const LATEST = '2099-12-31';
const DURATION_MAX = 24 * 60;

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const isTime = (s: string) => /^([01]\d|2[0-3]):[0-5]\d$/.test(s);

export type DraftCheck =
  | { ok: true; body: Omit<CreateActivityRequest, 'leadId' | 'dealId' | 'ownerId'> }
  | { ok: false; errors: Partial<Record<DraftField, Mistake>> };

/**
 * What the form checks before sending (the server checks it all again and its messages show on the same fields):
 * a type, a subject of at most 255 characters, a date from 2000 to 2099; a time like 14:30 or none (all day); a
 * duration of 1 to 1440 whole minutes, only with a time; notes of at most 10,000 characters; a lead when the form has
 * to ask for one.
 */
export function checkActivity(d: ActivityDraft, { needsLead }: { needsLead: boolean }): DraftCheck {
  const errors: Partial<Record<DraftField, Mistake>> = {};
  const subject = d.subject.trim();
  const time = d.dueTime.slice(0, 5);
  const duration = d.durationMinutes.trim();
  const notes = d.notes.trim();
  if (!d.typeId) errors.typeId = { key: 'srv.required' };
  if (!subject) errors.subject = { key: 'srv.required' };
  else if (subject.length > SUBJECT_MAX) errors.subject = { key: 'srv.maxLength', vars: { max: SUBJECT_MAX } };
  if (!d.dueDate) errors.dueDate = { key: 'srv.required' };
  else if (!isDay(d.dueDate)) errors.dueDate = { key: 'srv.mustBeDate' };
  else if (d.dueDate < EARLIEST || d.dueDate > LATEST) errors.dueDate = { key: 'srv.between', vars: { min: EARLIEST, max: LATEST } };
  if (time && !isTime(time)) errors.dueTime = { key: 'activity.invalidTime' };
  if (duration && !/^\d+$/.test(duration)) errors.durationMinutes = { key: 'srv.mustBeWhole' };
  else if (duration && (Number(duration) < 1 || Number(duration) > DURATION_MAX)) errors.durationMinutes = { key: 'srv.between', vars: { min: 1, max: DURATION_MAX } };
  else if (duration && !time) errors.durationMinutes = { key: 'srv.durationNeedsTime' };
  if (notes.length > NOTES_MAX) errors.notes = { key: 'srv.maxLength', vars: { max: NOTES_MAX } };
  if (needsLead && !d.leadId) errors.leadId = { key: 'activity.leadRequired' };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    body: {
      typeId: Number(d.typeId),
      subject,
      dueDate: d.dueDate,
      dueTime: time || null,
      durationMinutes: duration ? Number(duration) : null,
      notes: notes || null,
    },
  };
}
