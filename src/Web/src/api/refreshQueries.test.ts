import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refreshQueries } from './refreshQueries';

/** A list whose first answer is held until released (read before the write committed), later ones answer at once. */
function listServer() {
  const saved: string[] = [];
  let release: () => void = () => {};
  let calls = 0;
  const fetchList = async () => {
    calls++;
    const snapshot = [...saved];
    if (calls === 1) await new Promise<void>((r) => { release = r; });
    return snapshot;
  };
  return { saved, fetchList, release: () => release(), calls: () => calls };
}

async function watch(qc: QueryClient, fetchList: () => Promise<string[]>) {
  const observer = new QueryObserver(qc, { queryKey: ['invitations'], queryFn: fetchList });
  const unsubscribe = observer.subscribe(() => {});
  await Promise.resolve();
  return { observer, unsubscribe };
}

describe('refreshQueries', () => {
  it('shows a write made while the first fetch of the list was in flight', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const server = listServer();
    const { observer, unsubscribe } = await watch(qc, server.fetchList);

    server.saved.push('ana@example.com');
    await refreshQueries(qc, ['invitations']);
    server.release();
    await new Promise((r) => setTimeout(r, 0));

    expect(observer.getCurrentResult().data).toEqual(['ana@example.com']);
    expect(server.calls()).toBe(2);
    unsubscribe();
  });

  it('is needed: invalidateQueries alone keeps the stale first answer', async () => {
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const server = listServer();
    const { observer, unsubscribe } = await watch(qc, server.fetchList);

    server.saved.push('ana@example.com');
    const invalidated = qc.invalidateQueries({ queryKey: ['invitations'] });
    server.release();
    await invalidated;
    await new Promise((r) => setTimeout(r, 0));

    expect(observer.getCurrentResult().data).toEqual([]);
    unsubscribe();
  });
});
