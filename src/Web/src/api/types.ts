import type { components } from './schema';

type S = components['schemas'];
export type User = S['UserView'];
export type Tokens = S['TokensResponse'];
export type TeamMember = S['TeamMember'];
export type Stage = S['StageView'];
export type DealCard = S['DealCard'];
export type BoardColumn = S['BoardColumn'];
export type BoardView = S['BoardView'];
export type ColumnPage = S['ColumnPage'];
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

export type ActivityType = S['ActivityTypeView'];
export type Activity = S['ActivityView'];
export type CreateActivityRequest = S['CreateActivityRequest'];
export type UpdateActivityRequest = S['UpdateActivityRequest'];
export type NextActivity = S['NextActivity'];
export type CalendarFeed = S['CalendarAddress'];
