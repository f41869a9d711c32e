import { useSyncExternalStore } from 'react';
import { session } from '../../api/client';
import type { User } from '../../api/types';

export function useUser(): User | null {
  return useSyncExternalStore(
    (cb) => session.subscribe(cb),
    () => session.user,
  );
}

export function isOwner(user: User | null): boolean {
  return user?.role === 'BusinessOwner';
}
