import { describe, expect, it } from 'vitest';
import type { ImportView } from '../../api/types';
import { isFinished, laterOf, pollInterval, progressPercent, readProgress, withProgress } from './importProgress';

const running: ImportView = {
  id: 7, kind: 'leads', fileName: 'clientes.csv', format: 'csv', encoding: 'windows-1252', separator: ';', status: 'Running',
  columns: ['Nome', 'E-mail'], mapping: { name: 'Nome', email: 'E-mail' }, duplicates: 'skip', ownerId: null, stageId: null,
  total: 3000, processed: 1000, created: 990, updated: 0, skipped: 5, failed: 5, cancelRequested: false, failureReason: null,
  createdAt: '2026-11-28T12:00:00Z', startedAt: '2026-11-28T12:01:00Z', finishedAt: null,
};

describe('progressPercent', () => {
  it('is the whole percent of the rows read', () => {
    expect(progressPercent(1000, 3000)).toBe(33);
    expect(progressPercent(2999, 3000)).toBe(99);
    expect(progressPercent(3000, 3000)).toBe(100);
  });

  it('shows 100 only when every row is read, and 0 for nothing to read', () => {
    expect(progressPercent(99_999, 100_000)).toBe(99);
    expect(progressPercent(0, 0)).toBe(0);
    expect(progressPercent(-1, 10)).toBe(0);
  });
});

describe('the run as events and answers tell it', () => {
  it('knows the finished statuses', () => {
    expect(['Completed', 'Failed', 'Cancelled'].every((s) => isFinished(s as ImportView['status']))).toBe(true);
    expect(isFinished('Running')).toBe(false);
    expect(isFinished('Uploaded')).toBe(false);
  });

  it('reads an import.progress event and ignores anything else', () => {
    expect(readProgress('{"importId":7,"status":"Running","total":3000,"processed":2000,"created":1990,"updated":0,"skipped":5,"failed":5}'))
      .toMatchObject({ importId: 7, processed: 2000 });
    expect(readProgress('{"dealId":3}')).toBeNull();
    expect(readProgress('not json')).toBeNull();
  });

  it('takes an event about this import, and leaves another import alone', () => {
    const next = withProgress(running, { importId: 7, status: 'Completed', total: 3000, processed: 3000, created: 2980, updated: 0, skipped: 10, failed: 10 });
    expect(next).toMatchObject({ status: 'Completed', processed: 3000, created: 2980, fileName: 'clientes.csv' });
    expect(withProgress(running, { importId: 8, status: 'Running', total: 5, processed: 5, created: 5, updated: 0, skipped: 0, failed: 0 })).toBe(running);
  });

  it('never goes back: a late answer with fewer rows read, or a running one after the end, is ignored', () => {
    const ahead = { ...running, processed: 2000 };
    expect(laterOf(ahead, running)).toBe(ahead);
    const done = { ...running, status: 'Completed' as const, processed: 3000 };
    expect(laterOf(done, { ...running, processed: 3000 })).toBe(done);
    expect(laterOf(running, done)).toBe(done);
    expect(laterOf(undefined, running)).toBe(running);
  });

  it('polls every 2 s while the stream is down, rarely while it is live, and not at all once finished', () => {
    expect(pollInterval(running, false)).toBe(2000);
    expect(pollInterval(running, true)).toBe(10_000);
    expect(pollInterval({ ...running, status: 'Cancelled' }, false)).toBe(false);
    expect(pollInterval(undefined, false)).toBe(false);
  });
});
