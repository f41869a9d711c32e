import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { Activity, ActivityType, Paged } from '../../api/types';
import type { Day } from './activityDates';
import { seededTypes } from './activityTypeName';
import { agendaQuery, type AgendaTab } from './activityRules';

export const AGENDA_PAGE_SIZE = 50;
/** A deal or lead has a handful of activities; one page of this many holds them all. */
const ABOUT_PAGE_SIZE = 100;

const seeded: ActivityType[] = Object.entries(seededTypes).map(([id, name]) => ({ id: Number(id), name }));

export function useActivityTypes() {
  return useQuery({
    queryKey: ['activity-types'],
    queryFn: () => api<ActivityType[]>('/api/activity-types'),
    staleTime: Infinity,
    // The seeded ones until the server answers, so the form can be filled at once.
    placeholderData: seeded,
  });
}

export interface AgendaFilter {
  tab: AgendaTab;
  today: Day;
  ownerId?: number;
}

export function useAgenda(f: AgendaFilter) {
  const q = agendaQuery(f.tab, f.today);
  return useInfiniteQuery({
    queryKey: ['activities', 'agenda', f.tab, f.ownerId ?? null, q.from ?? null, q.to ?? null],
    queryFn: ({ pageParam, signal }) => api<Paged<Activity>>('/api/activities', {
      query: { ...q, ownerId: f.ownerId, page: pageParam, pageSize: AGENDA_PAGE_SIZE },
      signal,
    }),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (pages.reduce((n, p) => n + p.items.length, 0) < last.total && last.items.length > 0 ? last.page + 1 : undefined),
    placeholderData: keepPreviousData,
  });
}

export type About = { dealId: number } | { leadId: number };

/** Every activity of a deal or of a lead, open and done. */
export function useActivitiesOf(about: About) {
  const [kind, id] = 'dealId' in about ? ['deal', about.dealId] as const : ['lead', about.leadId] as const;
  return useQuery({
    queryKey: ['activities', kind, id],
    queryFn: ({ signal }) => api<Paged<Activity>>('/api/activities', { query: { scope: 'all', ...about, pageSize: ABOUT_PAGE_SIZE }, signal }),
  });
}

/** After any change to activities: every list of them, and the board (a card shows its deal's next activity). */
export async function refreshActivities(qc: QueryClient): Promise<void> {
  await Promise.all([refreshQueries(qc, ['activities']), refreshQueries(qc, ['board'])]);
}

export function useCompleteActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, outcome }: { id: number; outcome?: string }) =>
      api<Activity>(`/api/activities/${id}/complete`, { method: 'POST', body: { outcome: outcome || null } }),
    onSettled: (done) => {
      // Completing an activity on a deal is a line of that deal's history.
      if (done?.deal?.id) void refreshQueries(qc, ['deal', done.deal.id, 'timeline']);
      return refreshActivities(qc);
    },
  });
}

export function useReopenActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<Activity>(`/api/activities/${id}/reopen`, { method: 'POST' }),
    onSettled: () => refreshActivities(qc),
  });
}

export function useDeleteActivity() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api(`/api/activities/${id}`, { method: 'DELETE' }),
    onSuccess: () => refreshActivities(qc),
  });
}

/** How many are overdue (for the tab's badge): the total of a one-item page. */
export function useOverdueCount(ownerId?: number) {
  return useQuery({
    queryKey: ['activities', 'count', 'overdue', ownerId ?? null],
    queryFn: ({ signal }) => api<Paged<Activity>>('/api/activities', { query: { scope: 'overdue', ownerId, page: 1, pageSize: 1 }, signal }),
    select: (p) => p.total,
  });
}
