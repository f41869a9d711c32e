import type { Connection } from '../../api/types';

/** What the Business Owner's banner has seen of the company's WhatsApp this session. */
export interface BannerMemory {
  /** It was seen disconnected after having been set up (the banner's reason to be). */
  sawLost: boolean;
  /** It came back after being seen lost: the "reconnected" note is due (until dismissed). */
  reconnected: boolean;
}

export const freshMemory: BannerMemory = { sawLost: false, reconnected: false };

/**
 * Disconnected after having been connected: the company still has its instance or phone. A company that never
 * connected (or disconnected on purpose, which forgets the instance) is not nagged.
 */
export function isLost(conn: Pick<Connection, 'status' | 'instanceName' | 'phoneNumber'> | undefined): boolean {
  return conn?.status === 'Disconnected' && !!(conn.instanceName || conn.phoneNumber);
}

/** The memory after a new answer about the connection. Connecting (a QR being scanned) changes nothing yet. */
export function remember(memory: BannerMemory, conn: Pick<Connection, 'status' | 'instanceName' | 'phoneNumber'>): BannerMemory {
  if (isLost(conn)) return memory.sawLost && !memory.reconnected ? memory : { sawLost: true, reconnected: false };
  if (conn.status === 'Connected' && memory.sawLost) return { sawLost: false, reconnected: true };
  return memory;
}

export type Banner = 'disconnected' | 'reconnected' | null;

/** Which banner shows: "disconnected" while it is lost and not dismissed, "reconnected" once it came back. */
export function bannerFor(memory: BannerMemory, conn: Pick<Connection, 'status' | 'instanceName' | 'phoneNumber'> | undefined, dismissed: boolean): Banner {
  if (isLost(conn)) return dismissed ? null : 'disconnected';
  if (memory.reconnected && conn?.status === 'Connected') return 'reconnected';
  return null;
}
