import { useDroppable } from '@dnd-kit/core';
import { Fragment } from 'react';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { BoardColumn } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { cardDndId, SortableDealCard } from './DealCardView';
import { stageName } from './stageName';

export const columnDndId = (stageId: number) => `col-${stageId}`;

/**
 * `landing`: a card from another column is dragged over this one; a placeholder of its height shows where
 * it will land. `draggingAway`: the dragged card is over another column, so its own place only fades.
 */
export function BoardColumnView({ column, onLoadMore, loadingMore, landing, draggingAway }: {
  column: BoardColumn; onLoadMore: () => void; loadingMore: boolean; landing: { index: number; height: number } | null; draggingAway: boolean;
}) {
  const { t } = useI18n();
  const stageId = column.stage!.id!;
  const { setNodeRef, isOver } = useDroppable({ id: columnDndId(stageId), data: { stageId } });
  const deals = column.deals ?? [];
  const name = stageName(t, column.stage);
  const total = formatMoney(Number(column.totalValue ?? 0));
  const headId = `col-head-${stageId}`;
  // The target column is marked whether the card is over its free space or over one of its cards (the keyboard's
  // arrow often lands on a card): what BoardPage computed as the landing, as well as dnd-kit's own isOver.
  const over = isOver || landing !== null;
  return (
    <section className={`column${over ? ' over' : ''}`} aria-labelledby={headId} data-stage={column.stage?.name} data-stage-id={stageId}>
      <header className="column-head">
        <h2 id={headId}>{name}</h2>
        <div className="column-meta" aria-label={t('board.columnLabel', { stage: name, count: column.totalCount ?? 0, total })}>
          <span className="column-count">{column.totalCount ?? 0}</span>
          <span className="column-total">{total}</span>
        </div>
      </header>
      <SortableContext items={deals.map((d) => cardDndId(d.id!))} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="column-cards">
          {deals.map((d, i) => (
            <Fragment key={d.id}>
              {landing?.index === i && <DropPlaceholder height={landing.height} />}
              <SortableDealCard deal={d} away={draggingAway} openStage={column.stage?.isTerminal !== true} />
            </Fragment>
          ))}
          {landing && landing.index >= deals.length && <DropPlaceholder height={landing.height} />}
          {deals.length === 0 && !landing && <li className="column-empty">{t('board.empty')}</li>}
        </ul>
      </SortableContext>
      {column.nextCursor && (
        <button type="button" className="load-more" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('board.loadMore')}
        </button>
      )}
    </section>
  );
}

function DropPlaceholder({ height }: { height: number }) {
  return <li className="drop-placeholder" aria-hidden="true" data-testid="drop-placeholder" style={{ height }} />;
}
