import { useId } from 'react';
import type { StageDuration } from '../../api/types';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { formatDateTime, formatRelative } from '../../lib/format';
import { StageDurations } from './StageDurations';
import { useTimeline } from './timelineQuery';
import { timelineSentence } from './timelineText';

/** What happened to a deal, newest first, each change a sentence with who and when; and its days in each stage. */
export function DealHistory({ dealId, stageDurations }: { dealId: number; stageDurations: readonly StageDuration[] }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const listId = useId();
  const timeline = useTimeline(dealId);
  const entries = timeline.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="panel-section deal-history" aria-labelledby={headingId} data-testid="deal-history">
      <h3 id={headingId}>{t('timeline.title')}</h3>
      <StageDurations durations={stageDurations} />
      <h4 id={listId} className="activity-group">{t('timeline.changes')}</h4>
      {timeline.isPending && <Loading />}
      {timeline.isError && <ErrorBox error={timeline.error} onRetry={() => timeline.refetch()} />}
      {timeline.isSuccess && entries.length === 0 && <Empty>{t('timeline.empty')}</Empty>}
      {entries.length > 0 && (
        <ol className="timeline" aria-labelledby={listId} data-testid="timeline">
          {entries.map((e) => (
            <li key={e.id} className={e.startOfHistory ? 'timeline-entry is-start' : 'timeline-entry'} data-testid="timeline-entry" data-kind={e.kind}>
              <span className="timeline-text">{timelineSentence(t, e)}</span>
              <span aria-hidden="true"> · </span>
              <time dateTime={e.at} title={formatDateTime(e.at, locale)}>{formatRelative(e.at, locale)}</time>
            </li>
          ))}
        </ol>
      )}
      {timeline.hasNextPage && (
        <div className="agenda-more">
          <button type="button" onClick={() => timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage} data-testid="timeline-more">
            {timeline.isFetchingNextPage ? t('common.loading') : t('board.loadMore')}
          </button>
        </div>
      )}
    </section>
  );
}
