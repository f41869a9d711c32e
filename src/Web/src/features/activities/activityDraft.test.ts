import { describe, expect, it } from 'vitest';
import { checkActivity, type ActivityDraft } from './activityDraft';

const draft = (over: Partial<ActivityDraft> = {}): ActivityDraft => ({
  typeId: '1', subject: 'Ligar para confirmar', dueDate: '2025-11-28', dueTime: '', durationMinutes: '', notes: '', leadId: '', dealId: '', ...over,
});

describe('checkActivity', () => {
  it('sends a trimmed subject, all day without a time, and no empty optionals', () => {
    expect(checkActivity(draft({ subject: '  Ligar  ' }), { needsLead: false })).toEqual({
      ok: true,
      body: { typeId: 1, subject: 'Ligar', dueDate: '2025-11-28', dueTime: null, durationMinutes: null, notes: null },
    });
  });
  it('sends the time as HH:mm and the duration as a number', () => {
    const r = checkActivity(draft({ dueTime: '14:30:00', durationMinutes: '45', notes: ' levar catálogo ' }), { needsLead: false });
    expect(r).toMatchObject({ ok: true, body: { dueTime: '14:30', durationMinutes: 45, notes: 'levar catálogo' } });
  });
  it('needs a subject, a date and a type', () => {
    const r = checkActivity(draft({ subject: ' ', dueDate: '', typeId: '' }), { needsLead: false });
    expect(r).toEqual({ ok: false, errors: { subject: { key: 'srv.required' }, dueDate: { key: 'srv.required' }, typeId: { key: 'srv.required' } } });
  });
  it('refuses a subject over 255 characters, a bad date or time and a duration that is not a whole number of minutes', () => {
    const r = checkActivity(draft({ subject: 'x'.repeat(256), dueDate: '2025-13-40', dueTime: '25:00', durationMinutes: '1,5' }), { needsLead: false });
    expect(r).toEqual({
      ok: false,
      errors: {
        subject: { key: 'srv.maxLength', vars: { max: 255 } },
        dueDate: { key: 'srv.mustBeDate' },
        dueTime: { key: 'activity.invalidTime' },
        durationMinutes: { key: 'srv.mustBeWhole' },
      },
    });
    expect(checkActivity(draft({ dueTime: '09:00', durationMinutes: '0' }), { needsLead: false }))
      .toEqual({ ok: false, errors: { durationMinutes: { key: 'srv.between', vars: { min: 1, max: 1440 } } } });
  });
  it('takes a duration only with a time, as the server does', () => {
    expect(checkActivity(draft({ durationMinutes: '30' }), { needsLead: false })).toEqual({ ok: false, errors: { durationMinutes: { key: 'srv.durationNeedsTime' } } });
  });
  it('refuses a date outside 2000 to 2099 (a typo in the year)', () => {
    expect(checkActivity(draft({ dueDate: '0025-11-28' }), { needsLead: false }))
      .toEqual({ ok: false, errors: { dueDate: { key: 'srv.between', vars: { min: '2000-01-01', max: '2099-12-31' } } } });
  });
  it('refuses notes over 10,000 characters', () => {
    expect(checkActivity(draft({ notes: 'x'.repeat(10_001) }), { needsLead: false })).toMatchObject({ ok: false, errors: { notes: { key: 'srv.maxLength' } } });
  });
  it('asks for a lead only when the form was not opened from a deal or a lead', () => {
    expect(checkActivity(draft(), { needsLead: true })).toEqual({ ok: false, errors: { leadId: { key: 'activity.leadRequired' } } });
    expect(checkActivity(draft({ leadId: '7' }), { needsLead: true }).ok).toBe(true);
  });
});
