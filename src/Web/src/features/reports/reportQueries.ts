import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ReportQuery } from './CsvLink';

export type ReportName = 'funnel' | 'outcomes' | 'loss-reasons' | 'team';

export const reportPath = (name: ReportName) => `/api/reports/${name}`;

/** One report for a period (and maybe an owner or a grouping), fetched only while its tab is open. */
export function useReport<T>(name: ReportName, query: ReportQuery | null, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', name, query],
    queryFn: ({ signal }) => api<T>(reportPath(name), { query: query ?? undefined, signal }),
    enabled: enabled && query !== null,
    // Another period or owner keeps the last numbers on screen until the new ones arrive.
    placeholderData: keepPreviousData,
  });
}
