import type { ImportProgressEvent, ImportStatus, ImportView } from '../../api/types';

/** The run is over: nothing more will be written, and the counters are final. */
export function isFinished(status: ImportStatus | undefined): boolean {
  return status === 'Completed' || status === 'Failed' || status === 'Cancelled';
}

/** Whole percent of the rows read, 100 only when every row is (a bar never shows done before it is). */
export function progressPercent(processed: number, total: number): number {
  if (total <= 0) return 0;
  if (processed >= total) return 100;
  return Math.max(0, Math.min(99, Math.floor((processed * 100) / total)));
}

/** The `import.progress` data of an SSE event, or null when it is not one. */
export function readProgress(data: string): ImportProgressEvent | null {
  try {
    const p = JSON.parse(data);
    return p && typeof p.importId === 'number' && typeof p.processed === 'number' && typeof p.status === 'string' ? p as ImportProgressEvent : null;
  } catch {
    return null;
  }
}

/**
 * Whichever of two states of one import is further along: a finished one, else the one with more rows read. An
 * answer to GET asked for before a batch committed can arrive after that batch's event, and must not send the bar back.
 */
export function laterOf(current: ImportView | undefined, next: ImportView): ImportView {
  if (!current || current.id !== next.id) return next;
  if (isFinished(current.status) && !isFinished(next.status)) return current;
  if (!isFinished(next.status) && next.processed < current.processed) return current;
  return next;
}

/** The import as an event tells it: its counters and status over what is known of it. */
export function withProgress(current: ImportView | undefined, p: ImportProgressEvent): ImportView | undefined {
  if (!current || current.id !== p.importId) return current;
  return laterOf(current, {
    ...current,
    status: p.status,
    total: p.total,
    processed: p.processed,
    created: p.created,
    updated: p.updated,
    skipped: p.skipped,
    failed: p.failed,
  });
}

/** How often to ask the server: every 2 s while the live stream is down, now and then as a safety net while it is up. */
export function pollInterval(view: ImportView | undefined, live: boolean): number | false {
  if (!view || isFinished(view.status) || view.status === 'Uploaded') return false;
  return live ? 10_000 : 2_000;
}
