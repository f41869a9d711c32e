import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { LossReasonsReport } from '../../api/types';
import { translate, useI18n } from '../../i18n';
import { addDays, localDay } from '../activities/activityDates';
import { commonLossReasons, lossReasonSuggestions } from './suggestedLossReasons';

/**
 * Reasons to pick when a deal is lost, so the loss-reasons report stays clean: the common ones and the company's most
 * used of the last 365 days (a Salesperson's own, as the report shows it). Without an answer, the common ones.
 */
export function useLossReasonSuggestions(): string[] {
  const { t } = useI18n();
  const to = localDay();
  const from = addDays(to, -364);
  const used = useQuery({
    queryKey: ['reports', 'loss-reasons', 'suggestions', from, to],
    queryFn: ({ signal }) => api<LossReasonsReport>('/api/reports/loss-reasons', { query: { from, to }, signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const common = commonLossReasons.map((k) => t(k));
  const everySpelling = commonLossReasons.flatMap((k) => [translate('pt-BR', k), translate('en', k)]);
  return lossReasonSuggestions(common, (used.data?.reasons ?? []).map((r) => r.reason), everySpelling);
}
