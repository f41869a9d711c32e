import {
  closestCorners, DndContext, DragOverlay, KeyboardSensor, PointerSensor, useSensor, useSensors,
  type DragEndEvent, type DragStartEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import type { BoardView, DealCard } from '../../api/types';
import { Alert, ErrorBox, errorText, Loading } from '../../components/States';
import { useI18n } from '../../i18n';
import { isOwner, useUser } from '../auth/useAuth';
import { DealPanel } from '../deals/DealPanel';
import { applyMove } from './boardCache';
import { BoardColumnView } from './BoardColumnView';
import { CardBody } from './DealCardView';
import { boardKey, fetchColumnPage, useBoard, usePipelineEvents, useTeam, type BoardFilter } from './hooks';
import { LostReasonDialog } from './LostReasonDialog';
import { computeMove } from './moveNeighbours';
import { QuickAddDeal } from './QuickAddDeal';
import { isLostStage } from './stageName';

interface PendingMove {
  dealId: number;
  stageId: number;
  order: number[];
  beforeDealId?: number;
  afterDealId?: number;
  lossReason?: string;
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
  const [lostMove, setLostMove] = useState<PendingMove | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const move = useMutation({
    mutationKey: ['move'],
    mutationFn: (m: PendingMove) =>
      api<DealCard>(`/api/deals/${m.dealId}/move`, {
        method: 'POST',
        body: { stageId: m.stageId, beforeDealId: m.beforeDealId ?? null, afterDealId: m.afterDealId ?? null, lossReason: m.lossReason ?? null },
      }),
    onMutate: async (m) => {
      setMessage(null);
      await qc.cancelQueries({ queryKey: key });
      const previous = qc.getQueryData<BoardView>(key);
      if (previous) qc.setQueryData<BoardView>(key, applyMove(previous, m.dealId, m.stageId, m.order));
      return { previous };
    },
    onError: (err, _m, ctx) => {
      if (ctx?.previous) qc.setQueryData(key, ctx.previous);
      setMessage(t('board.moveFailed', { reason: errorText(t, err) }));
    },
    onSettled: (_d, _e, m) => {
      void qc.invalidateQueries({ queryKey: ['board'] });
      void qc.invalidateQueries({ queryKey: ['deal', m.dealId] });
    },
  });

  const columns = board.data?.columns ?? [];

  function findColumnOf(id: number) {
    return columns.find((c) => c.deals?.some((d) => d.id === id));
  }

  function onDragStart(e: DragStartEvent) {
    const p = parseDndId(e.active.id);
    if (p?.kind === 'deal') setActive(findColumnOf(p.id)?.deals?.find((d) => d.id === p.id) ?? null);
  }

  function onDragEnd(e: DragEndEvent) {
    setActive(null);
    const a = parseDndId(e.active.id);
    const o = e.over ? parseDndId(e.over.id) : null;
    if (!a || a.kind !== 'deal' || !o) return;
    const source = findColumnOf(a.id);
    const target = o.kind === 'col' ? columns.find((c) => c.stage?.id === o.id) : findColumnOf(o.id);
    if (!source || !target) return;
    const sameColumn = source.stage?.id === target.stage?.id;
    const targetIds = (target.deals ?? []).map((d) => String(d.id));
    let overIndex = o.kind === 'col' ? -1 : targetIds.indexOf(String(o.id));
    if (!sameColumn && o.kind === 'deal' && e.over) {
      // Dropped on the lower half of a card in another column: goes after it.
      const r = e.active.rect.current.translated;
      if (r && r.top + r.height / 2 > e.over.rect.top + e.over.rect.height / 2) overIndex += 1;
    }
    if (sameColumn && o.kind === 'deal' && o.id === a.id) return;
    const { order, beforeDealId, afterDealId } = computeMove(targetIds, String(a.id), overIndex, sameColumn);
    if (sameColumn && order.join() === targetIds.join()) return;
    const m: PendingMove = {
      dealId: a.id,
      stageId: target.stage!.id!,
      order: order.map(Number),
      beforeDealId: beforeDealId ? Number(beforeDealId) : undefined,
      afterDealId: afterDealId ? Number(afterDealId) : undefined,
    };
    if (!sameColumn && isLostStage(target.stage)) setLostMove(m);
    else move.mutate(m);
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
              {(team.data?.items ?? []).filter((u) => u.status !== 'Inactive').map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select>
          </>
        )}
        <span className={`live ${live ? 'on' : 'off'}`} role="status">{live ? t('board.live') : t('board.offline')}</span>
        <button type="button" className="primary" onClick={() => setAdding(true)}>+ {t('board.quickAdd')}</button>
      </div>
      <p id="board-drag-hint" className="sr-only">{t('board.dragHint')}</p>
      {message && <Alert kind="error">{message}</Alert>}
      {board.isPending && <Loading />}
      {board.isError && <ErrorBox error={board.error} onRetry={() => board.refetch()} />}
      {board.data && (
        <DndContext sensors={sensors} collisionDetection={closestCorners} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setActive(null)}>
          <div className="board" role="region" aria-label={t('board.title')}>
            {columns.map((c) => (
              <BoardColumnView key={c.stage?.id} column={c} loadingMore={loadingMore === c.stage?.id}
                onLoadMore={() => c.nextCursor && loadMore(c.stage!.id!, c.nextCursor)} />
            ))}
          </div>
          <DragOverlay>{active ? <div className="card overlay"><CardBody deal={active} /></div> : null}</DragOverlay>
        </DndContext>
      )}
      {lostMove && (
        <LostReasonDialog
          onCancel={() => setLostMove(null)}
          onConfirm={(reason) => { move.mutate({ ...lostMove, lossReason: reason }); setLostMove(null); }}
        />
      )}
      {adding && <QuickAddDeal stages={columns.map((c) => c.stage!)} onClose={() => setAdding(false)} />}
      {dealId && <DealPanel dealId={Number(dealId)} onClose={() => navigate('/')} />}
    </div>
  );
}
