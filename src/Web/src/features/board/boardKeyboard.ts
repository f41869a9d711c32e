import type { KeyboardCoordinateGetter } from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';

/** Where a dragged card would land in another column; that column shows a placeholder there. */
export interface Landing {
  stageId: number;
  index: number;
}

/** The cards of a column as laid out now (below a placeholder they sit lower). */
export function cardRects(stageId: number): DOMRect[] {
  return Array.from(document.querySelectorAll<HTMLElement>(`.column[data-stage-id="${stageId}"] .column-cards > .card`))
    .map((el) => el.getBoundingClientRect());
}

function placeholderRect(stageId: number): DOMRect | null {
  return document.querySelector(`.column[data-stage-id="${stageId}"] .drop-placeholder`)?.getBoundingClientRect() ?? null;
}

/**
 * Arrow keys for the board. Within the card's own column and between columns, dnd-kit's sortable
 * coordinates; up and down inside ANOTHER column step the placeholder one card at a time (dnd-kit's
 * own getter cannot: the cards it measures are not where the placeholder pushed them). `keyboardLanding`
 * receives the index chosen, the drop uses it.
 */
export function boardKeyboardCoordinates(
  landing: { readonly current: Landing | null },
  keyboardLanding: { current: Landing | null },
): KeyboardCoordinateGetter {
  return (event, args) => {
    const l = landing.current;
    const vertical = event.code === 'ArrowDown' || event.code === 'ArrowUp';
    if (!l && vertical) {
      keyboardLanding.current = null;
      const step = stepInOwnColumn(event.code === 'ArrowUp', args.context.active?.id, args.context.active?.data.current?.stageId, args.context.collisionRect);
      if (step === undefined) return sortableKeyboardCoordinates(event, args);
      event.preventDefault();
      return step === null ? args.currentCoordinates : { x: args.currentCoordinates.x, y: step };
    }
    if (!l || !vertical) {
      keyboardLanding.current = null;
      return sortableKeyboardCoordinates(event, args);
    }
    event.preventDefault();
    const cards = cardRects(l.stageId);
    const here = placeholderRect(l.stageId);
    if (!here) return args.currentCoordinates;
    if (event.code === 'ArrowDown' && l.index < cards.length) {
      const next = cards[l.index];
      keyboardLanding.current = { stageId: l.stageId, index: l.index + 1 };
      return { x: args.currentCoordinates.x, y: here.top + next.height + (next.top - here.bottom) };
    }
    if (event.code === 'ArrowUp' && l.index > 0) {
      keyboardLanding.current = { stageId: l.stageId, index: l.index - 1 };
      return { x: args.currentCoordinates.x, y: cards[l.index - 1].top };
    }
    return args.currentCoordinates;
  };
}

/**
 * Up or down inside the card's own column: the top of the nearest card above or below where the dragged card is now
 * (null at either end; undefined when unknown). dnd-kit's sortable getter also weighs the column itself, whose top
 * lies above every card, and then drops the card on the column, i.e. nowhere.
 */
function stepInOwnColumn(up: boolean, activeId: string | number | undefined, stageId: unknown, rect: { top: number } | null): number | null | undefined {
  if (activeId === undefined || typeof stageId !== 'number' || !rect) return undefined;
  const dealId = String(activeId).replace(/^deal-/, '');
  const tops = Array.from(document.querySelectorAll<HTMLElement>(`.column[data-stage-id="${stageId}"] .column-cards > .card`))
    .filter((el) => el.dataset.dealId !== dealId)
    .map((el) => el.getBoundingClientRect().top);
  const next = up
    ? Math.max(...tops.filter((top) => top < rect.top - 1))
    : Math.min(...tops.filter((top) => top > rect.top + 1));
  return Number.isFinite(next) ? next : null;
}
