import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { KeyboardEventHandler, PointerEventHandler } from 'react';
import { Link } from 'react-router';
import type { DealCard } from '../../api/types';
import { useI18n } from '../../i18n';
import { formatMoney } from '../../lib/format';
import { NextActivityBadge } from '../activities/NextActivityBadge';
import { AwaitingReplyBadge } from '../whatsapp/AwaitingReplyBadge';

export const STALE_DAYS = 14;
export const cardDndId = (id: number) => `deal-${id}`;

/** `openStage`: the card's stage is not Won or Lost, so a deal without a next activity says so. */
export function CardBody({ deal, openStage }: { deal: DealCard; openStage: boolean }) {
  const { t } = useI18n();
  const stale = (deal.daysInStage ?? 0) >= STALE_DAYS;
  return (
    <>
      <Link to={`/deals/${deal.id}`} className="card-title" title={deal.title} onPointerDown={(e) => e.stopPropagation()}>{deal.title}</Link>
      <div className="card-lead" title={deal.leadName}>{deal.leadName}</div>
      {deal.awaitingReplySince && <AwaitingReplyBadge since={deal.awaitingReplySince} className="card-awaiting" testId="card-awaiting-reply" />}
      <div className="card-row">
        <strong className="card-value">{formatMoney(Number(deal.value ?? 0))}</strong>
        <span className="card-owner" title={`${t('deal.owner')}: ${deal.ownerName ?? ''}`}>{deal.ownerName}</span>
      </div>
      <NextActivityBadge deal={deal} openStage={openStage} />
      {deal.lossReason && <div className="card-loss" title={deal.lossReason}>{t('board.lossReasonCard', { reason: deal.lossReason })}</div>}
      <div className={`card-days${stale ? ' is-stale' : ''}`}>
        {stale && <span className="badge-stale">{t('board.stale')}</span>}
        {t('board.daysInStage', { days: deal.daysInStage ?? 0 })}
      </div>
    </>
  );
}

/**
 * A card on the board. The mouse drags it from anywhere; the keyboard drags it with its move handle (Space or Enter
 * to pick up, arrows, Space to drop), a real button next to the title link, so no control sits inside another.
 */
export function SortableDealCard({ deal, openStage, away = false }: { deal: DealCard; openStage: boolean; away?: boolean }) {
  const { t } = useI18n();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: cardDndId(deal.id!),
    data: { stageId: deal.stageId },
  });
  const stale = (deal.daysInStage ?? 0) >= STALE_DAYS;
  return (
    <li
      ref={setNodeRef}
      className={`card${stale ? ' card-stale' : ''}${isDragging ? ' dragging' : ''}${isDragging && away ? ' away' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      onPointerDown={listeners?.onPointerDown as PointerEventHandler | undefined}
      data-deal-id={deal.id}
    >
      <button
        type="button"
        ref={setActivatorNodeRef}
        className="card-handle"
        {...attributes}
        onKeyDown={listeners?.onKeyDown as KeyboardEventHandler | undefined}
        aria-describedby="board-drag-hint"
        data-testid="move-handle"
      >
        <span aria-hidden="true">⠿</span>
        <span className="sr-only">{t('board.moveCard', { title: deal.title ?? '', lead: deal.leadName ?? '' })}</span>
      </button>
      <CardBody deal={deal} openStage={openStage} />
    </li>
  );
}
