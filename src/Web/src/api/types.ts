import type { components } from './schema';

type S = components['schemas'];
// `& {…}`: fields of issue 16 typed by hand until schema.d.ts is regenerated (see the activities block below).
export type User = S['UserView'] & {
  /** Wants the 07:00 e-mail of the day's and overdue activities. */
  dailyDigest?: boolean;
};
export type Tokens = S['TokensResponse'];
export type TeamMember = S['TeamMember'];
export type Stage = S['StageView'];
export type DealCard = S['DealCard'] & {
  /** The deal's earliest open activity; null when it has none (absent from a server from before activities). */
  nextActivity?: NextActivity | null;
};
export type BoardColumn = Omit<S['BoardColumn'], 'deals'> & { deals?: DealCard[] };
export type BoardView = Omit<S['BoardView'], 'columns'> & { columns?: BoardColumn[] };
export type ColumnPage = Omit<S['ColumnPage'], 'deals'> & { deals?: DealCard[] };
export type Deal = S['DealView'];
export type Note = S['NoteView'];
export type Lead = S['LeadView'];
export type LeadDetail = S['LeadDetail'];
export type Invitation = S['InvitationView'];
export type InvitationPreview = S['InvitationPreview'];
export type Connection = S['ConnectionView'];
export type ConnectResult = S['ConnectView'];
export type Chat = S['ChatView'];
export type Message = S['MessageView'];

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  /** The list counted its matches only up to `total`; there are more ("10.000+"). */
  totalCapped?: boolean;
}

/*
 * Activities (issue 16), typed by hand from the backend contract until schema.d.ts is regenerated from a Host that
 * serves them. Then these become aliases of the generated schemas, and User, DealCard, BoardColumn, BoardView and
 * ColumnPage plain aliases again.
 */

/** GET /api/activity-types: seeded with English names (Call, WhatsApp, Meeting, E-mail, Visit, Task). */
export interface ActivityType {
  id: number;
  name: string;
}

/** One follow-up: what to do about a lead (and maybe one of its deals), on a day of the company's calendar. */
export interface Activity {
  id: number;
  type: ActivityType;
  subject: string;
  notes: string | null;
  /** YYYY-MM-DD, the company's calendar day. */
  dueDate: string;
  /** HH:mm, or null for all day. */
  dueTime: string | null;
  durationMinutes: number | null;
  done: boolean;
  doneAt: string | null;
  doneBy: { id: number; name: string } | null;
  outcome: string | null;
  /** Open and due before now in the company's time zone (the server decides). */
  overdue: boolean;
  deal: { id: number; title: string } | null;
  lead: { id: number; name: string; phone: string | null };
  owner: { id: number; name: string };
  createdAt: string;
  updatedAt: string;
}

/** POST /api/activities; PUT /api/activities/{id} takes the same minus leadId and dealId. */
export interface ActivityRequest {
  typeId: number;
  subject: string;
  dueDate: string;
  dueTime?: string | null;
  durationMinutes?: number | null;
  notes?: string | null;
  leadId?: number;
  dealId?: number;
  ownerId?: number;
}

/** A board card's earliest open activity. */
export interface NextActivity {
  id: number;
  typeId: number;
  dueDate: string;
  dueTime: string | null;
  overdue: boolean;
}

/** GET /api/me/calendar and POST /api/me/calendar/rotate: the caller's secret iCalendar feed. */
export interface CalendarFeed {
  url: string;
}
