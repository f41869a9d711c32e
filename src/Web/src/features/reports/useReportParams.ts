import { useSearchParams } from 'react-router';
import type { OutcomeGrouping } from '../../api/types';
import { localDay } from '../activities/activityDates';
import { isPeriodPreset, periodProblems, presetPeriod, type Period, type PeriodPreset, type PeriodProblem } from './period';

export type ReportTab = 'funnel' | 'outcomes' | 'lossReasons' | 'team';
export const reportTabs: readonly ReportTab[] = ['funnel', 'outcomes', 'lossReasons', 'team'];
const groupings: readonly OutcomeGrouping[] = ['month', 'week', 'owner'];

export interface ReportParams {
  tab: ReportTab;
  preset: PeriodPreset;
  /** What the date inputs hold (the preset's days until the user picks "Personalizado"). */
  typedFrom: string;
  typedTo: string;
  /** The period to ask for, or null while the typed one is not valid. */
  period: Period | null;
  problems: Partial<Record<'from' | 'to', PeriodProblem>>;
  ownerId?: number;
  groupBy: OutcomeGrouping;
}

/**
 * The reports screen's choices live in the address (?tab=&period=&from=&to=&owner=&groupBy=), so a report can be
 * shared or reloaded as it is. The team tab and the owner filter are a Business Owner's only.
 */
export function useReportParams(owner: boolean): [ReportParams, (patch: Record<string, string | null>) => void] {
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab = reportTabs.includes(tabParam as ReportTab) && (tabParam !== 'team' || owner) ? (tabParam as ReportTab) : 'funnel';
  const periodParam = params.get('period');
  const preset: PeriodPreset = isPeriodPreset(periodParam) ? periodParam : 'thisMonth';
  const groupParam = params.get('groupBy');
  const groupBy = groupings.includes(groupParam as OutcomeGrouping) && (groupParam !== 'owner' || owner) ? (groupParam as OutcomeGrouping) : 'month';
  const ownerId = owner ? Number(params.get('owner')) || undefined : undefined;

  let typedFrom: string;
  let typedTo: string;
  if (preset === 'custom') {
    typedFrom = params.get('from') ?? '';
    typedTo = params.get('to') ?? '';
  } else {
    ({ from: typedFrom, to: typedTo } = presetPeriod(preset, localDay()));
  }
  const problems = preset === 'custom' ? periodProblems(typedFrom, typedTo) : {};
  const period = Object.keys(problems).length === 0 ? { from: typedFrom, to: typedTo } : null;

  const update = (patch: Record<string, string | null>) => {
    setParams((current) => {
      const next = new URLSearchParams(current);
      // Choosing "Personalizado" starts from the days shown, rather than from empty boxes.
      if (patch.period === 'custom' && preset !== 'custom') {
        next.set('from', typedFrom);
        next.set('to', typedTo);
      }
      if (patch.period && patch.period !== 'custom') {
        next.delete('from');
        next.delete('to');
      }
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === '') next.delete(k);
        else next.set(k, v);
      }
      return next;
    }, { replace: true });
  };
  return [{ tab, preset, typedFrom, typedTo, period, problems, ownerId, groupBy }, update];
}
