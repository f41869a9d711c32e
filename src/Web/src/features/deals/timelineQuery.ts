import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Paged, TimelineEntry } from '../../api/types';

export const TIMELINE_PAGE_SIZE = 20;

/**
 * Under the deal's own key, so whatever refreshes the deal (a live deal.* event, the panel's save, move or new owner)
 * refreshes its history too.
 */
export const timelineKey = (dealId: number) => ['deal', dealId, 'timeline'] as const;

/** A deal's history, newest first, a page at a time. */
export function useTimeline(dealId: number) {
  return useInfiniteQuery({
    queryKey: timelineKey(dealId),
    queryFn: ({ pageParam, signal }) =>
      api<Paged<TimelineEntry>>(`/api/deals/${dealId}/timeline`, { query: { page: pageParam, pageSize: TIMELINE_PAGE_SIZE }, signal }),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (pages.reduce((n, p) => n + p.items.length, 0) < last.total && last.items.length > 0 ? last.page + 1 : undefined),
  });
}
