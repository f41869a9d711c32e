import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import { streamEvents } from '../../api/sse';
import type { DryRun, ImportKind, ImportView, Paged, UploadedImport } from '../../api/types';
import { useI18n } from '../../i18n';
import { mappingBody, type MappingSettings } from './columnMapping';
import { isFinished, laterOf, pollInterval, readProgress, withProgress } from './importProgress';

export const importKey = (id: number) => ['imports', id] as const;

/** POST /api/imports: the file and what its rows are; row errors come back in the screen's language. */
export function useUploadImport() {
  const { locale } = useI18n();
  return useMutation({
    mutationFn: ({ file, kind }: { file: File; kind: ImportKind }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      form.append('kind', kind);
      return api<UploadedImport>('/api/imports', { method: 'POST', body: form, headers: { 'Accept-Language': locale } });
    },
  });
}

/** PUT /api/imports/{id}/mapping: saves the settings and answers the dry run. */
export function useDryRun(id: number) {
  return useMutation({
    mutationFn: (s: MappingSettings) =>
      api<DryRun>(`/api/imports/${id}/mapping`, { method: 'PUT', body: { mapping: mappingBody(s.mapping), duplicates: s.duplicates, ownerId: s.ownerId, stageId: s.stageId } }),
  });
}

export function useStartImport(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<ImportView>(`/api/imports/${id}/start`, { method: 'POST' }),
    onSuccess: (view) => { qc.setQueryData(importKey(id), view); void refreshQueries(qc, ['imports', 'list']); },
  });
}

export function useCancelImport(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api<ImportView>(`/api/imports/${id}/cancel`, { method: 'POST' }),
    onSuccess: (view) => qc.setQueryData<ImportView>(importKey(id), (current) => laterOf(current, view)),
  });
}

/** The caller's latest imports (GET /api/imports), newest first. */
export function useRecentImports() {
  return useQuery({
    queryKey: ['imports', 'list'],
    queryFn: ({ signal }) => api<Paged<ImportView>>('/api/imports', { query: { pageSize: 5 }, signal }),
  });
}

/**
 * One import as it runs: GET /api/imports/{id}, then the `import.progress` events of the board's live stream while it
 * runs (no screen holding that stream is open beside this one), polling every 2 s whenever the stream is not live.
 * When it ends, the leads and the board are fetched anew.
 */
export function useImportRun(id: number) {
  const qc = useQueryClient();
  const [live, setLive] = useState(false);
  const query = useQuery({
    queryKey: importKey(id),
    queryFn: ({ signal }) => api<ImportView>(`/api/imports/${id}`, { signal }),
    refetchInterval: (q) => pollInterval(q.state.data, live),
    // an answer asked for before a batch's event must not send the bar back
    structuralSharing: (current, next) => laterOf(current as ImportView | undefined, next as ImportView),
  });
  const status = query.data?.status;
  const running = status === 'Running';
  useEffect(() => {
    if (!running) return;
    const ctrl = new AbortController();
    void streamEvents('/api/pipeline/events', (e) => {
      if (e.event === 'ready') {
        setLive(true);
        // batches written before the stream (re)opened were never announced to it
        void qc.invalidateQueries({ queryKey: importKey(id) });
      } else if (e.event === 'import.progress') {
        const progress = readProgress(e.data);
        if (progress?.importId !== id) return;
        qc.setQueryData<ImportView>(importKey(id), (current) => withProgress(current, progress));
        // the finished import's reason and times come with GET
        if (isFinished(progress.status)) void qc.invalidateQueries({ queryKey: importKey(id) });
      }
    }, ctrl.signal, (open) => { if (!open) setLive(false); });
    return () => { ctrl.abort(); setLive(false); };
  }, [running, id, qc]);
  const finished = isFinished(status);
  useEffect(() => {
    if (!finished) return;
    void refreshQueries(qc, ['leads']);
    void refreshQueries(qc, ['board']);
    void refreshQueries(qc, ['imports', 'list']);
  }, [finished, qc]);
  return query;
}
