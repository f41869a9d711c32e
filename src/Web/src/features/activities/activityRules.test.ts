import { describe, expect, it } from 'vitest';
import type { Activity } from '../../api/types';
import { agendaQuery, isAgendaTab, needsActivity, splitActivities, whatsAppPath } from './activityRules';

const open = { isTerminal: false };
const won = { isTerminal: true };
const next = { id: 1, typeId: 1, dueDate: '2025-11-28', dueTime: null, overdue: false };

describe('needsActivity (the card warns "no activity scheduled")', () => {
  it('warns for a deal in an open stage without a next activity', () => {
    expect(needsActivity({ nextActivity: null }, open)).toBe(true);
  });
  it('does not warn for a deal with a next activity', () => {
    expect(needsActivity({ nextActivity: next }, open)).toBe(false);
  });
  it('does not warn for a won or lost deal', () => {
    expect(needsActivity({ nextActivity: null }, won)).toBe(false);
  });
  it('does not warn when the server did not say (no nextActivity field) or the stage is unknown', () => {
    expect(needsActivity({}, open)).toBe(false);
    expect(needsActivity({ nextActivity: null }, undefined)).toBe(false);
  });
});

describe('agendaQuery', () => {
  it('asks for the next 7 days from tomorrow, across a month end', () => {
    expect(agendaQuery('upcoming', '2025-11-28')).toEqual({ scope: 'upcoming', from: '2025-11-29', to: '2025-12-05' });
  });
  it('leaves the other tabs to the server calendar', () => {
    expect(agendaQuery('overdue', '2025-11-28')).toEqual({ scope: 'overdue' });
    expect(agendaQuery('today', '2025-11-28')).toEqual({ scope: 'today' });
    expect(agendaQuery('done', '2025-11-28')).toEqual({ scope: 'done' });
  });
  it('knows its tabs', () => {
    expect(isAgendaTab('done')).toBe(true);
    expect(isAgendaTab('all')).toBe(false);
    expect(isAgendaTab(null)).toBe(false);
  });
});

const activity = (id: number, over: Partial<Activity>): Activity => ({
  id, type: { id: 1, name: 'Call' }, subject: `a${id}`, notes: null, dueDate: '2025-11-28', dueTime: null, durationMinutes: null,
  done: false, doneAt: null, doneBy: null, outcome: null, overdue: false, deal: null, lead: { id: 1, name: 'L', phone: null },
  owner: { id: 1, name: 'O' }, createdAt: '2025-11-01T10:00:00Z', updatedAt: '2025-11-01T10:00:00Z', ...over,
});

describe('splitActivities', () => {
  it('puts the earliest open one first (a time before all day, as the card picks it), then the other open ones, then the done ones newest first', () => {
    const items = [
      activity(1, { dueDate: '2025-11-30' }),
      activity(2, { done: true, doneAt: '2025-11-20T10:00:00Z' }),
      activity(3, { dueDate: '2025-11-28', dueTime: '09:00' }),
      activity(4, { dueDate: '2025-11-28', dueTime: null }),
      activity(5, { done: true, doneAt: '2025-11-25T10:00:00Z' }),
    ];
    const { next: first, later, done } = splitActivities(items);
    expect(first?.id).toBe(3);
    expect(later.map((a) => a.id)).toEqual([4, 1]);
    expect(done.map((a) => a.id)).toEqual([5, 2]);
  });
  it('has no next one when everything is done', () => {
    expect(splitActivities([activity(1, { done: true, doneAt: '2025-11-20T10:00:00Z' })]).next).toBeNull();
  });
});

describe('whatsAppPath', () => {
  it('opens the WhatsApp screen on the digits of the phone', () => {
    expect(whatsAppPath('+55 (11) 98765-4321')).toBe('/whatsapp?phone=5511987654321');
  });
  it('is nothing without a phone', () => {
    expect(whatsAppPath(null)).toBeNull();
    expect(whatsAppPath(' - ')).toBeNull();
  });
});
