import { describe, expect, it } from 'vitest';
import { translate, type TFunction } from '../../i18n';
import { addDays, dayHeading, dueLabel, groupByDay, localDay } from './activityDates';

const pt: TFunction = (key, vars) => translate('pt-BR', key, vars);
const en: TFunction = (key, vars) => translate('en', key, vars);
const today = '2025-11-28'; // a Friday

describe('days', () => {
  it('reads the local calendar day, not the UTC one', () => {
    expect(localDay(new Date(2025, 10, 28, 23, 30))).toBe('2025-11-28');
    expect(localDay(new Date(2025, 0, 5, 0, 5))).toBe('2025-01-05');
  });
  it('adds days across months and years', () => {
    expect(addDays('2025-11-28', 1)).toBe('2025-11-29');
    expect(addDays('2025-11-28', 7)).toBe('2025-12-05');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });
});

describe('dueLabel', () => {
  it('names today, tomorrow and yesterday, with the time when there is one', () => {
    expect(dueLabel(pt, 'pt-BR', { dueDate: today, dueTime: '14:30' }, today)).toBe('Hoje 14:30');
    expect(dueLabel(pt, 'pt-BR', { dueDate: '2025-11-29', dueTime: null }, today)).toBe('Amanhã');
    expect(dueLabel(pt, 'pt-BR', { dueDate: '2025-11-27', dueTime: '09:00' }, today)).toBe('Ontem 09:00');
    expect(dueLabel(en, 'en', { dueDate: today, dueTime: null }, today)).toBe('Today');
    expect(dueLabel(en, 'en', { dueDate: '2025-11-29' }, today)).toBe('Tomorrow');
  });
  it('shows other days short, the year only when it is another one', () => {
    expect(dueLabel(pt, 'pt-BR', { dueDate: '2025-12-12', dueTime: null }, today)).toBe('12/12');
    expect(dueLabel(pt, 'pt-BR', { dueDate: '2025-12-05', dueTime: '08:15' }, today)).toBe('05/12 08:15');
    expect(dueLabel(pt, 'pt-BR', { dueDate: '2026-01-10', dueTime: null }, today)).toBe('10/01/26');
    expect(dueLabel(en, 'en', { dueDate: '2025-12-05', dueTime: null }, today)).toBe('12/05');
  });
  it('does not slip a day for a date read in a time zone behind UTC', () => {
    // new Date('2025-12-12') would be the 11th in Brazil; the label must keep the 12th.
    expect(dueLabel(pt, 'pt-BR', { dueDate: '2025-12-12' }, today)).toBe('12/12');
  });
});

describe('dayHeading', () => {
  it('writes the day in full in the user language, naming today and tomorrow', () => {
    expect(dayHeading(pt, 'pt-BR', today, today)).toBe('Hoje · sexta-feira, 28 de novembro');
    expect(dayHeading(pt, 'pt-BR', '2025-11-29', today)).toBe('Amanhã · sábado, 29 de novembro');
    expect(dayHeading(pt, 'pt-BR', '2025-12-02', today)).toBe('terça-feira, 2 de dezembro');
    expect(dayHeading(en, 'en', '2025-12-02', today)).toBe('Tuesday, December 2');
  });
  it('adds the year for another year', () => {
    expect(dayHeading(pt, 'pt-BR', '2026-01-06', today)).toBe('terça-feira, 6 de janeiro de 2026');
  });
});

describe('groupByDay', () => {
  it('keeps the order and gathers items under their day', () => {
    const items = [
      { id: 1, day: '2025-11-27' }, { id: 2, day: '2025-11-27' }, { id: 3, day: '2025-11-28' }, { id: 4, day: '2025-11-30' },
    ];
    expect(groupByDay(items, (i) => i.day)).toEqual([
      { day: '2025-11-27', items: [items[0], items[1]] },
      { day: '2025-11-28', items: [items[2]] },
      { day: '2025-11-30', items: [items[3]] },
    ]);
  });
  it('keeps one group per day even when the days come back out of order', () => {
    const groups = groupByDay(['b', 'a', 'b'], (s) => s);
    expect(groups.map((g) => [g.day, g.items.length])).toEqual([['b', 2], ['a', 1]]);
  });
  it('has no groups for no items', () => {
    expect(groupByDay([], () => today)).toEqual([]);
  });
});
