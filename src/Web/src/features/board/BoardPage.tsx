import {
  closestCorners, DndContext, pointerWithin, DragOverlay, KeyboardSensor, MeasuringStrategy, PointerSensor, useSensor, useSensors,
  type CollisionDetection, type DragEndEvent, type DragMoveEvent, type DragStartEvent,
} from '@dnd-kit/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { refreshQueries } from '../../api/refreshQueries';
import type { BoardView, DealCard } from '../../api/types';
import { Alert, ErrorBox, errorText, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { isOwner, useUser } from '../auth/useAuth';
import { VerifyEmailNotice } from '../auth/VerifyEmailNotice';
import { ActivityForm } from '../activities/ActivityForm';
import { ScheduleNextPrompt } from '../activities/ScheduleNextPrompt';
import { DealPanel } from '../deals/DealPanel';
import { ExportButtons } from '../exports/ExportButtons';
import { applyMove } from './boardCache';
import { BoardColumnView } from './BoardColumnView';
import { CardBody } from './DealCardView';
import { boardKey, fetchColumnPage, useBoard, usePipelineEvents, useTeam, type BoardFilter } from './hooks';
import { LostReasonDialog } from './LostReasonDialog';
import { boardKeyboardCoordinates, cardRects, type Landing } from './boardKeyboard';
import { computeMove, indexAtPointer } from './moveNeighbours';
import { QuickAddDeal } from './QuickAddDeal';
import { isLostStage } from './stageName';

interface DealRef {
  id: number;
  title: string;
}

interface PendingMove {
  dealId: number;
  stageId: number;
  order: number[];
  beforeDealId?: number;
  afterDealId?: number;
  lossReason?: string;
}

// The placeholder moves cards in the target column, so the lists are measured again on every change.
const measuring = { droppable: { strategy: MeasuringStrategy.Always } };

// With a pointer, the column and card under it (a card before its column); with the keyboard, the closest.
const collisionDetection: CollisionDetection = (args) => {
  const hits = pointerWithin(args);
  if (hits.length === 0) return closestCorners(args);
  return [...hits].sort((a, b) => Number(String(b.id).startsWith('deal-')) - Number(String(a.id).startsWith('deal-')));
};

/** The pointer's height during a mouse or touch drag (null for the keyboard). */
function pointerY(e: DragMoveEvent | DragEndEvent): number | null {
  const start = e.activatorEvent as Partial<PointerEvent> | null;
  return typeof start?.clientY === 'number' ? start.clientY + e.delta.y : null;
}

function parseDndId(id: string | number): { kind: 'deal' | 'col'; id: number } | null {
  const m = /^(deal|col)-(\d+)$/.exec(String(id));
  return m ? { kind: m[1] as 'deal' | 'col', id: Number(m[2]) } : null;
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function BoardPage() {
  const { t } = useI18n();
  const user = useUser();
  const owner = isOwner(user);
  const navigate = useNavigate();
  const { dealId } = useParams();
  const qc = useQueryClient();
  const [ownerFilter, setOwnerFilter] = useState<string>('');
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 300);
  const filter: BoardFilter = useMemo(() => ({ ownerId: ownerFilter ? Number(ownerFilter) : undefined, search: search || undefined }), [ownerFilter, search]);
  const key = boardKey(filter);
  const board = useBoard(filter);
  const team = useTeam(owner);
  const live = usePipelineEvents();
  const [active, setActive] = useState<DealCard | null>(null);
  const [landing, setLanding] = useState<Landing | null>(null);
  const [placeholderHeight, setPlaceholderHeight] = useState(96);
  const landingRef = useRef<Landing | null>(null);
  const keyboardLanding = useRef<Landing | null>(null);
  landingRef.current = landing;
  const [lostMove, setLostMove] = useState<PendingMove | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  // "What is the next step?" after a deal was created or moved into an open stage, and the form it opens.
  const [nextFor, setNextFor] = useState<DealRef | null>(null);
  const [scheduling, setScheduling] = useState<DealRef | null>(null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: useMemo(() => boardKeyboardCoordinates(landingRef, keyboardLanding), []) }),
  );

  const move = useMutation({
    mutationKey: ['move'],
    mutationFn: (m: PendingMove & { previous?: BoardView }) =>
      api<DealCard>(`/api/deals/${m.dealId}/move`, {
        method: 'POST',
        body: { stageId: m.stageId, beforeDealId: m.beforeDealId ?? null, afterDealId: m.afterDealId ?? null, lossReason: m.lossReason ?? null },
      }),
    onMutate: async (m) => {
      setMessage(null);
      // A refetch in flight would overwrite the optimistic board (or cancelling it revert it): apply again.
      await qc.cancelQueries({ queryKey: key });
      const current = qc.getQueryData<BoardView>(key);
      if (current) qc.setQueryData<BoardView>(key, applyMove(current, m.dealId, m.stageId, m.order, m.lossReason));
      return { previous: m.previous ?? current };
    },
    onError: (err, _m, ctx) => {
      if (ctx?.previous) qc.setQueryData(key, ctx.previous);
      setMessage(t('board.moveFailed', { reason: errorText(t, err) }));
    },
    onSettled: (_d, _e, m) => {
      void refreshQueries(qc, ['board']);
      void refreshQueries(qc, ['deal', m.dealId]);
    },
  });

  const columns = board.data?.columns ?? [];


  /** Applies the move to the board at once (no flash back to the old column), then asks the server. */
  function startMove(m: PendingMove) {
    const previous = qc.getQueryData<BoardView>(key);
    const from = findColumnOf(m.dealId);
    const card = from?.deals?.find((d) => d.id === m.dealId);
    const into = columns.find((c) => c.stage?.id === m.stageId)?.stage;
    const intoOpenStage = from?.stage?.id !== m.stageId && into?.isTerminal !== true;
    if (previous) qc.setQueryData<BoardView>(key, applyMove(previous, m.dealId, m.stageId, m.order, m.lossReason));
    move.mutate({ ...m, previous }, {
      onSuccess: () => { if (intoOpenStage && card) setNextFor({ id: m.dealId, title: card.title ?? '' }); },
    });
  }
  function onDragStart(e: DragStartEvent) {
    const p = parseDndId(e.active.id);
    if (p?.kind === 'deal') setActive(findColumnOf(p.id)?.deals?.find((d) => d.id === p.id) ?? null);
    setPlaceholderHeight(e.active.rect.current.initial?.height ?? 96);
    keyboardLanding.current = null;
  }
  /** The drop a drag event points at: target column, whether it is the card's own, and the index there. */
  function dropOf(e: DragMoveEvent | DragEndEvent) {
    const a = parseDndId(e.active.id);
    const o = e.over ? parseDndId(e.over.id) : null;
    if (!a || a.kind !== 'deal' || !o || !e.over) return null;
    const source = findColumnOf(a.id);
    const target = o.kind === 'col' ? columns.find((c) => c.stage?.id === o.id) : findColumnOf(o.id);
    if (!source || !target) return null;
    const targetIds = (target.deals ?? []).map((d) => String(d.id));
    const sameColumn = source.stage?.id === target.stage?.id;
    if (sameColumn) return { dealId: a.id, target, targetIds, sameColumn, index: o.kind === 'col' || o.id === a.id ? -1 : targetIds.indexOf(String(o.id)) };
    // Mouse: by the pointer's height among the column's cards. Keyboard: the step the arrow keys chose,
    // else where the card was put (at the top of the card it covers).
    const stageId = target.stage!.id!;
    const kbd = keyboardLanding.current;
    const y = pointerY(e) ?? (kbd?.stageId === stageId ? null : (e.active.rect.current.translated?.top ?? 0) + 1);
    const index = y === null ? kbd!.index : indexAtPointer(cardRects(stageId).map((r) => r.top + r.height / 2), y);
    return { dealId: a.id, target, targetIds, sameColumn, index };
  }
  function onDragMove(e: DragMoveEvent) {
    const d = dropOf(e);
    const next = d && !d.sameColumn ? { stageId: d.target.stage!.id!, index: d.index } : null;
    setLanding((l) => (l?.stageId === next?.stageId && l?.index === next?.index ? l : next));
  }
  function endDrag() {
    setActive(null);
    setLanding(null);
  }
  function onDragEnd(e: DragEndEvent) {
    const d = dropOf(e);
    const shown = landing;
    endDrag();
    if (!d) return;
    const { dealId, target, targetIds, sameColumn } = d;
    if (sameColumn && d.index < 0) return;
    // Between columns the card lands where the placeholder was shown, whatever the last pixel said.
    const index = !sameColumn && shown && shown.stageId === target.stage?.id ? shown.index : d.index;
    const { order, beforeDealId, afterDealId } = computeMove(targetIds, String(dealId), index, sameColumn);
    if (sameColumn && order.join() === targetIds.join()) return;
    const m: PendingMove = {
      dealId,
      stageId: target.stage!.id!,
      order: order.map(Number),
      beforeDealId: beforeDealId ? Number(beforeDealId) : undefined,
      afterDealId: afterDealId ? Number(afterDealId) : undefined,
    };
    if (!sameColumn && isLostStage(target.stage)) setLostMove(m);
    else startMove(m);
  }
  function findColumnOf(id: number) {
    return columns.find((c) => c.deals?.some((d) => d.id === id));
  }
  async function loadMore(stageId: number, cursor: string) {
    setLoadingMore(stageId);
    try {
      const page = await fetchColumnPage(stageId, cursor, filter);
      qc.setQueryData<BoardView>(key, (b) => b && {
        ...b,
        columns: b.columns?.map((c) => c.stage?.id === stageId
          ? { ...c, deals: [...(c.deals ?? []), ...(page.deals ?? []).filter((d) => !c.deals?.some((x) => x.id === d.id))], nextCursor: page.nextCursor }
          : c),
      });
    } catch (err) {
      setMessage(errorText(t, err));
    } finally {
      setLoadingMore(null);
    }
  }

  return (
    <div className="board-page">
      <div className="toolbar">
        <h1>{t('board.title')}</h1>
        <label className="sr-only" htmlFor="board-search">{t('board.search')}</label>
        <input id="board-search" type="search" placeholder={t('board.search')} value={searchText} onChange={(e) => setSearchText(e.target.value)} />
        {owner && (
          <>
            <label className="sr-only" htmlFor="board-owner">{t('board.owner')}</label>
            <select id="board-owner" value={ownerFilter} onChange={(e) => setOwnerFilter(e.target.value)}>
              <option value="">{t('board.allOwners')}</option>
              {/* Deactivated people stay: their deals do not vanish from the board, and someone may look for them. */}
              {(team.data?.items ?? []).map((u) => (
                <option key={u.id} value={u.id}>{u.status === 'Inactive' ? t('board.inactiveOwner', { name: u.name ?? '' }) : u.name}</option>
              ))}
            </select>
          </>
        )}
        <span className={`live ${live ? 'on' : 'off'}`} role="status">{live ? t('board.live') : t('board.offline')}</span>
        <ExportButtons kind="deals" filters={{ ownerId: filter.ownerId, search: filter.search }} />
        <button type="button" className="primary" onClick={() => setAdding(true)}>+ {t('board.quickAdd')}</button>
      </div>
      <VerifyEmailNotice />
      <p id="board-drag-hint" className="sr-only">{t('board.dragHint')}</p>
      {message && <Alert kind="error">{message}</Alert>}
      {nextFor && (
        <ScheduleNextPrompt deal={nextFor} onDismiss={() => setNextFor(null)}
          onSchedule={() => { setScheduling(nextFor); setNextFor(null); }} />
      )}
      {board.isPending && <Loading />}
      {board.isError && <ErrorBox error={board.error} onRetry={() => board.refetch()} />}
      {board.data && (
        <DndContext sensors={sensors} collisionDetection={collisionDetection} measuring={measuring}
          onDragStart={onDragStart} onDragMove={onDragMove} onDragOver={onDragMove} onDragEnd={onDragEnd} onDragCancel={endDrag}>
          <div className="board" role="region" aria-label={t('board.title')}>
            {columns.map((c) => (
              <BoardColumnView key={c.stage?.id} column={c} loadingMore={loadingMore === c.stage?.id} draggingAway={landing !== null}
                landing={landing && landing.stageId === c.stage?.id ? { index: landing.index, height: placeholderHeight } : null}
                onLoadMore={() => c.nextCursor && loadMore(c.stage!.id!, c.nextCursor)} />
            ))}
          </div>
          <DragOverlay>{active ? <div className="card overlay"><CardBody deal={active} openStage={findColumnOf(active.id!)?.stage?.isTerminal !== true} /></div> : null}</DragOverlay>
        </DndContext>
      )}
      {lostMove && (
        <LostReasonDialog
          onCancel={() => setLostMove(null)}
          onConfirm={(reason) => { startMove({ ...lostMove, lossReason: reason }); setLostMove(null); }}
        />
      )}
      {adding && <QuickAddDeal stages={columns.map((c) => c.stage!)} onClose={() => setAdding(false)} onCreated={(d) => setNextFor(d)} />}
      {scheduling && (
        <ActivityForm context={{ deal: scheduling }} title={t('activity.scheduleNext')} onClose={() => setScheduling(null)} />
      )}
      {dealId && <DealPanel dealId={Number(dealId)} onClose={() => navigate('/')} />}
    </div>
  );
}
