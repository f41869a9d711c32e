import { useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  // One timer for every "há 5 min" on the screen, however many cards show one.
  timer ??= setInterval(() => { for (const l of listeners) l(); }, 15_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current minute (ms, rounded down): components that say how long ago something was re-render as it turns. */
export const currentMinute = () => Math.floor(Date.now() / 60_000) * 60_000;

export function useMinuteClock(): number {
  return useSyncExternalStore(subscribe, currentMinute);
}
