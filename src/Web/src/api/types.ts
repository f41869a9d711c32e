import type { components } from './schema';

type S = components['schemas'];
export type User = S['UserView'];
export type Tokens = S['TokensResponse'];
export type TeamMember = S['TeamMember'];
export type Stage = S['StageView'];
export type BoardColumn = Omit<S['BoardColumn'], 'deals'> & { deals?: DealCard[] };
export type BoardView = Omit<S['BoardView'], 'columns'> & { columns?: BoardColumn[] };
export type ColumnPage = Omit<S['ColumnPage'], 'deals'> & { deals?: DealCard[] };
export type Note = S['NoteView'];
export type Lead = S['LeadView'];
export type LeadDetail = S['LeadDetail'];
export type Invitation = S['InvitationView'];
export type InvitationPreview = S['InvitationPreview'];
export type Connection = S['ConnectionView'];
export type ConnectResult = S['ConnectView'];
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
export type Activity = Omit<S['ActivityView'], 'lead'> & { lead?: ActivityLead };
export type CreateActivityRequest = S['CreateActivityRequest'];
export type UpdateActivityRequest = S['UpdateActivityRequest'];
export type NextActivity = S['NextActivity'];
export type CalendarFeed = S['CalendarAddress'];

/*
 * Deal history and reports (issue 17), typed by hand until schema.d.ts is regenerated from a Host that serves them.
 * Then these become aliases of the generated schemas, and Deal a plain alias of DealView again.
 */

/** A person or a stage as an answer names them. */
export interface Named {
  id: number;
  name: string;
}

/** Days a deal spent in a stage over all its visits (one decimal). */
export interface StageDuration {
  stageId: number;
  days: number;
}

/** GET /api/deals/{id}: the deal, and every stage it was in with its days, in first-visit order (null from edits). */
export type Deal = S['DealView'] & { stageDurations?: StageDuration[] | null };

export type TimelineKind =
  | 'created' | 'stage_changed' | 'owner_changed' | 'value_changed' | 'title_changed'
  | 'note_added' | 'activity_completed' | 'whatsapp_in' | 'whatsapp_out';

/** What a `created` entry says the deal started as. */
export interface TimelineStart {
  stage: Named;
  value: number | null;
  owner: Named | null;
  title: string | null;
}

/**
 * One entry of GET /api/deals/{id}/timeline (newest first). `from`/`to` hold stages for stage_changed, people for
 * owner_changed, numbers for value_changed, texts for title_changed; `to` is a TimelineStart for created.
 */
export interface TimelineEntry {
  id: number;
  /** ISO instant, UTC. */
  at: string;
  kind: TimelineKind;
  /** Who did it; null when the system did (a hand-over on deactivation). */
  by: Named | null;
  from: Named | number | string | null;
  to: Named | TimelineStart | number | string | null;
  lossReason: string | null;
  noteId: number | null;
  activityId: number | null;
  subject: string | null;
  /** The deal existed before history was kept: this `created` entry is where what is known begins. */
  startOfHistory: boolean;
}

export interface Tally {
  count: number;
  value: number;
}

/** GET /api/reports/funnel: deals created in the period and how far they got (conversion is a 0..1 fraction). */
export interface FunnelReport {
  from: string;
  to: string;
  created: number;
  stages: { stage: Named; reached: number; conversionToNext: number | null }[];
  lost: number;
}

export type OutcomeGrouping = 'month' | 'week' | 'owner';

/** Won and lost in a group: key is "2026-10" (month), "2026-10-05" (the week's Monday) or the owner's id as text. */
export interface OutcomeGroup {
  key: string;
  owner: Named | null;
  won: Tally;
  lost: Tally;
  winRateByCount: number | null;
  winRateByValue: number | null;
  averageDaysToWin: number | null;
}

export interface OutcomePeriod {
  from: string;
  to: string;
  groups: OutcomeGroup[];
  total: OutcomeGroup;
}

/** GET /api/reports/outcomes: the period's results and the previous period of equal length. */
export interface OutcomesReport extends OutcomePeriod {
  groupBy: OutcomeGrouping;
  previous: OutcomePeriod;
}

export interface LossReasonCount {
  reason: string;
  count: number;
  value: number;
}

/** GET /api/reports/loss-reasons: the top 20 reasons (folded for case, accents and spaces) and the rest as others. */
export interface LossReasonsReport {
  from: string;
  to: string;
  reasons: LossReasonCount[];
  others: LossReasonCount | null;
  totalCount: number;
  totalValue: number;
}

export interface TeamMemberNumbers {
  owner: Named;
  active: boolean;
  open: Tally;
  won: Tally;
  lost: Tally;
  winRate: number | null;
  averageDaysToWin: number | null;
  activitiesDone: number;
  activitiesOverdue: number;
}

/** GET /api/reports/team (Business Owner only). */
export interface TeamReport {
  from: string;
  to: string;
  members: TeamMemberNumbers[];
}

/*
 * WhatsApp in the deal (issue 18), typed by hand until schema.d.ts is regenerated from a Host that serves it.
 */

/** A board card (GET /api/pipeline/board, column pages, the move answer). */
export type DealCard = S['DealCard'] & {
  /** ISO instant of the lead's last WhatsApp message when it came in and nobody answered since; null otherwise. */
  awaitingReplySince?: string | null;
};

/** The lead an activity is about; `awaitingReplySince` as on a board card. */
export type ActivityLead = S['ActivityLead'] & { awaitingReplySince?: string | null };

/** A page read from the WhatsApp gateway: no total, only whether there is more. */
export interface GatewayPage<T> {
  items?: T[];
  page?: number;
  pageSize?: number;
  hasMore?: boolean;
}

/** The CRM's lead with a chat's phone, and its open deals the caller can see. */
export interface ChatLead {
  id: number;
  name: string;
  openDeals: { id: number; title: string }[];
}

/** GET /api/whatsapp/chats: `name` is the contact's WhatsApp profile name; `lead` the CRM's lead with that phone. */
export type Chat = S['ChatView'] & { lead?: ChatLead | null };

/** A saved reply (GET/POST/PUT /api/whatsapp/templates): {{nome}}, {{empresa}} and {{vendedor}} are filled in when sent. */
export interface SavedReply {
  id: number;
  name: string;
  body: string;
}

/*
 * Personal data and the audit log (issue 19), typed by hand until schema.d.ts is regenerated from a Host that serves them.
 */

/** GET /api/audit (Business Owner): one entry of the company's audit log, newest first. */
export interface AuditEntry {
  id: number;
  /** ISO instant, UTC. */
  at: string;
  /** Who did it, by the name they had then; null when the system did. */
  user: Named | null;
  /** One of the server's AuditActions (`lead_deleted`, `anonymize`, …). */
  action: string;
  subject: string;
  /** The caller's IP address, when it came from a request. */
  address: string | null;
}

/*
 * Spreadsheet import (issue 19), typed by hand until schema.d.ts is regenerated from a Host that serves it.
 */

export type ImportKind = 'leads' | 'deals';
export type ImportStatus = 'Uploaded' | 'Running' | 'Completed' | 'Failed' | 'Cancelled';
export type ImportField = 'name' | 'email' | 'phone' | 'owner' | 'createdAt' | 'title' | 'value' | 'stage' | 'lossReason';
export type DuplicateRule = 'skip' | 'update';

/** GET /api/imports/{id} (and the start and cancel answers): one upload, its status and counters. */
export interface ImportView {
  id: number;
  kind: ImportKind;
  fileName: string;
  /** "csv" or "xlsx". */
  format: string;
  /** "utf-8", "utf-16" or "windows-1252" for a CSV; null for a workbook. */
  encoding: string | null;
  /** ";", "," or a tab for a CSV; null for a workbook. */
  separator: string | null;
  status: ImportStatus;
  /** The header row, as the mapping names columns (a blank header is "Coluna C"). */
  columns: string[];
  mapping: Partial<Record<ImportField, string>> | null;
  duplicates: DuplicateRule;
  ownerId: number | null;
  stageId: number | null;
  /** Data rows in the file. */
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  cancelRequested: boolean;
  /** Why a Failed import stopped, in the uploader's language. */
  failureReason: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** POST /api/imports (201): the import, its first rows (as many cells as columns) and the mapping its headers suggest. */
export interface UploadedImport {
  import: ImportView;
  sampleRows: (string | null)[][];
  suggestedMapping: Partial<Record<ImportField, string>>;
  fields: ImportField[];
}

/** One refused row of a dry run: its line in the file (the header is line 1) and why, in the uploader's language. */
export interface DryRunError {
  row: number;
  field: ImportField;
  code: string;
  message: string;
}

/** PUT /api/imports/{id}/mapping: what the run would do (the first 100 refusals listed). */
export interface DryRun {
  total: number;
  valid: number;
  invalid: number;
  duplicates: number;
  errors: DryRunError[];
}

/** The SSE `import.progress` on /api/pipeline/events: an import's counters after each batch. */
export interface ImportProgressEvent {
  importId: number;
  status: ImportStatus;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}
