import type { ReactNode } from 'react';

/** Line drawings on a 24×24 grid, one per seeded type (see activityTypeName.ts); unknown types get the task's. */
const shapes: Readonly<Record<number, ReactNode>> = {
  1: <><rect x="7" y="2.5" width="10" height="19" rx="2" /><path d="M11 18h2" /></>,
  2: <><path d="M4 5.5h16v10.5H10l-5 4v-4H4z" /><path d="M8 9.5h8M8 12.5h5" /></>,
  3: <><circle cx="9" cy="8" r="3" /><path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6" /><circle cx="17" cy="9" r="2.5" /><path d="M16 14.2c2.9.3 5 2.6 5 5.8" /></>,
  4: <><rect x="3" y="5" width="18" height="14" rx="2" /><path d="m3.5 6.5 8.5 6 8.5-6" /></>,
  5: <><path d="M12 21.5s7-6.6 7-11.5a7 7 0 0 0-14 0c0 4.9 7 11.5 7 11.5z" /><circle cx="12" cy="10" r="2.5" /></>,
  6: <><rect x="4" y="4" width="16" height="16" rx="2" /><path d="m8 12 3 3 5-6" /></>,
};

/** Decoration only: the type's name is always written beside it (or given to the control that holds it). */
export function ActivityIcon({ typeId }: { typeId: number | undefined }) {
  return (
    <svg className="activity-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false"
      fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      {shapes[typeId ?? 6] ?? shapes[6]}
    </svg>
  );
}

/** A calendar with nothing on it: the card's "no activity scheduled". */
export function NoActivityIcon() {
  return (
    <svg className="activity-icon" viewBox="0 0 24 24" width="14" height="14" aria-hidden="true" focusable="false"
      fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <rect x="3" y="5" width="18" height="16" rx="2" /><path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}
