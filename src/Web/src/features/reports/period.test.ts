import { describe, expect, it } from 'vitest';
import { periodProblems, presetPeriod } from './period';

describe('presetPeriod', () => {
  it('covers the whole of this month, whatever day today is', () => {
    expect(presetPeriod('thisMonth', '2026-10-15')).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetPeriod('thisMonth', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('knows February in leap years and in others', () => {
    expect(presetPeriod('thisMonth', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetPeriod('lastMonth', '2026-03-31')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('takes last month from the year before in January', () => {
    expect(presetPeriod('lastMonth', '2027-01-05')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('covers the whole quarter today falls in', () => {
    expect(presetPeriod('thisQuarter', '2026-01-01')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(presetPeriod('thisQuarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-06-30' });
    expect(presetPeriod('thisQuarter', '2026-09-30')).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    expect(presetPeriod('thisQuarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
  });

  it('covers the whole year', () => {
    expect(presetPeriod('thisYear', '2026-07-14')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });
});

describe('periodProblems', () => {
  it('accepts a period of days in order', () => {
    expect(periodProblems('2026-10-01', '2026-10-31')).toEqual({});
    expect(periodProblems('2026-10-01', '2026-10-01')).toEqual({});
  });

  it('needs both days', () => {
    expect(periodProblems('', '2026-10-31')).toEqual({ from: 'required' });
    expect(periodProblems('2026-10-01', '')).toEqual({ to: 'required' });
  });

  it('refuses days that do not exist', () => {
    expect(periodProblems('2026-02-30', '2026-03-10')).toEqual({ from: 'invalid' });
    expect(periodProblems('2026-10-01', '31/10/2026')).toEqual({ to: 'invalid' });
  });

  it('refuses a start after the end, on the start', () => {
    expect(periodProblems('2026-11-01', '2026-10-31')).toEqual({ from: 'fromAfterTo' });
  });

  it('allows at most three years of 366 days, as the API does', () => {
    expect(periodProblems('2024-01-01', '2027-01-02')).toEqual({});
    expect(periodProblems('2024-01-01', '2027-01-03')).toEqual({ to: 'tooLong' });
  });
});
