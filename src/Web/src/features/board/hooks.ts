import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import { streamEvents } from '../../api/sse';
import type { BoardView, ColumnPage, Paged, Stage, TeamMember } from '../../api/types';

export interface BoardFilter {
  ownerId?: number;
  search?: string;
}

export const boardKey = (f: BoardFilter) => ['board', f.ownerId ?? null, f.search ?? ''] as const;

export function useBoard(f: BoardFilter) {
  return useQuery({
    queryKey: boardKey(f),
    queryFn: ({ signal }) =>
      api<BoardView>('/api/pipeline/board', { query: { ownerId: f.ownerId, search: f.search, perColumn: 20 }, signal }),
  });
}

export function fetchColumnPage(stageId: number, cursor: string, f: BoardFilter) {
  return api<ColumnPage>(`/api/pipeline/board/columns/${stageId}`, {
    query: { cursor, limit: 20, ownerId: f.ownerId, search: f.search },
  });
}

export function useStages() {
  return useQuery({
    queryKey: ['stages'],
    queryFn: () => api<Stage[]>('/api/pipeline/stages'),
    staleTime: Infinity,
  });
}

export function useTeam(enabled = true) {
  return useQuery({
    queryKey: ['users'],
    queryFn: () => api<Paged<TeamMember>>('/api/users', { query: { pageSize: 200 } }),
    enabled,
  });
}

/** The deal an event's data is about (a deal event's own id when `ownId`), if it says. */
function dealIdOf(data: string, ownId: boolean): number | undefined {
  try {
    const d = JSON.parse(data);
    const id = d?.dealId ?? (ownId ? d?.id : undefined);
    return typeof id === 'number' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Listens to /api/pipeline/events and refetches the board (debounced) on deal events, and activities on activity events. */
export function usePipelineEvents(): boolean {
  const qc = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let activitiesTimer: ReturnType<typeof setTimeout> | null = null;
    const refresh = (dealId?: number) => {
      if (dealId) void refreshQueries(qc, ['deal', dealId]);
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        // Do not clobber an optimistic move in flight; it invalidates when it settles.
        if (qc.isMutating({ mutationKey: ['move'] }) === 0) void refreshQueries(qc, ['board']);
      }, 250);
    };
    // An activity changed: the agenda's lists, its deal's and lead's lists (all under 'activities'), and the board,
    // whose card shows the deal's next activity.
    const refreshActivities = (dealId?: number) => {
      // An activity completed on a deal is in that deal's history.
      if (dealId) void refreshQueries(qc, ['deal', dealId, 'timeline']);
      if (activitiesTimer) clearTimeout(activitiesTimer);
      activitiesTimer = setTimeout(() => void refreshQueries(qc, ['activities']), 250);
      refresh();
    };
    const openedAt = Date.now();
    let reconnect = false;
    void streamEvents('/api/pipeline/events', (e) => {
      if (e.event === 'ready') {
        setLive(true);
        // Moves made while this screen was not listening (on another page, or during a dropped connection) were
        // never announced to it: a board answered before the stream (re)opened is refetched.
        for (const queryKey of [['board'], ['activities']]) {
          void qc.invalidateQueries({ queryKey, predicate: (q) => q.state.status === 'success' && (reconnect || q.state.dataUpdatedAt < openedAt) });
        }
        reconnect = true;
      }
      if (e.event.startsWith('deal.')) refresh(dealIdOf(e.data, true));
      if (e.event.startsWith('activity.')) refreshActivities(dealIdOf(e.data, false));
    }, ctrl.signal).finally(() => setLive(false));
    return () => {
      ctrl.abort();
      if (timer) clearTimeout(timer);
      if (activitiesTimer) clearTimeout(activitiesTimer);
    };
  }, [qc]);
  return live;
}
