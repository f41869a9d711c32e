import type { QueryClient, QueryKey } from '@tanstack/react-query';

/**
 * After a write: the lists under `key` are fetched anew, including one whose first fetch is still in flight.
 * `invalidateQueries` alone does not restart a fetch of a query that has no data yet (TanStack Query v5 cancels an
 * in-flight fetch only when the query already holds data), so a list first requested before the write committed
 * would answer without it and nothing would follow: Team kept saying "No invitations yet." after an invite.
 * Cancelling first drops that answer and the invalidation starts a fresh fetch.
 */
export async function refreshQueries(qc: QueryClient, key: QueryKey): Promise<void> {
  await qc.cancelQueries({ queryKey: key });
  await qc.invalidateQueries({ queryKey: key });
}
