import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Connection, GatewayPage, Message, SavedReply } from '../../api/types';

export const connectionKey = ['wa', 'connection'] as const;
export const savedRepliesKey = ['wa-saved-replies'] as const;
export const leadMessagesKey = (leadId: number) => ['wa', 'lead', leadId, 'messages'] as const;

/** Messages per page of a lead's conversation. */
export const LEAD_MESSAGES_PAGE = 30;

/** The company's WhatsApp status; the WhatsApp screen and the connection banner share it. */
export function useConnection(options: { enabled?: boolean; refetchOnWindowFocus?: boolean; staleTime?: number } = {}) {
  return useQuery({ queryKey: connectionKey, queryFn: () => api<Connection>('/api/whatsapp/connection'), ...options });
}

/** The company's saved replies (everyone reads them); they change seldom. */
export function useSavedReplies(enabled = true) {
  return useQuery({
    queryKey: savedRepliesKey,
    queryFn: ({ signal }) => api<SavedReply[]>('/api/whatsapp/templates', { signal }),
    enabled,
    staleTime: 60_000,
  });
}

/**
 * A lead's WhatsApp conversation, page 1 the newest; "load earlier" fetches the next page. The gateway answers within
 * 10 s or says 503, so no retries here: the section says so and offers to try again.
 */
export function useLeadMessages(leadId: number, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: leadMessagesKey(leadId),
    queryFn: ({ pageParam, signal }) => api<GatewayPage<Message>>(`/api/leads/${leadId}/whatsapp`, {
      query: { page: pageParam, pageSize: LEAD_MESSAGES_PAGE },
      signal,
    }),
    initialPageParam: 1,
    getNextPageParam: (last, pages) => (last.hasMore ? (last.page ?? pages.length) + 1 : undefined),
    enabled,
    retry: false,
  });
}
