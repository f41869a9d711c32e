/** A problem-details answer, reduced to what the screens need. */
export interface Problem {
  status: number;
  code: string | null;
  title: string;
  detail: string | null;
  /** Per-field messages, keyed by the camelCase field name of the request body. */
  fieldErrors: Record<string, string[]>;
  /** Seconds the server asked to wait before trying again (the Retry-After header of a 429 or 503). */
  retryAfter?: number;
}

/** Reads a Retry-After header: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: number = Date.now()): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Normalises a server field key ("Email", "body.email", "$.email", "Items[0].Name") to camelCase. */
export function normaliseFieldKey(key: string): string {
  let k = key.trim();
  k = k.replace(/^\$\.?/, '');
  k = k.replace(/^(body|request|req|dto)\./i, '');
  if (k.length === 0) return k;
  return k.charAt(0).toLowerCase() + k.slice(1);
}

function asStringArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string') as string[];
  if (typeof v === 'string') return [v];
  return [];
}

/** Parses a JSON body (already decoded, or undefined) plus a status into a Problem. */
export function parseProblem(status: number, body: unknown, fallbackTitle = 'Request failed', retryAfter?: number): Problem {
  const p: Problem = { status, code: null, title: fallbackTitle, detail: null, fieldErrors: {} };
  if (retryAfter !== undefined) p.retryAfter = retryAfter;
  if (!body || typeof body !== 'object') return p;
  const b = body as Record<string, unknown>;
  if (typeof b.code === 'string') p.code = b.code;
  if (typeof b.title === 'string' && b.title) p.title = b.title;
  if (typeof b.detail === 'string' && b.detail) p.detail = b.detail;
  const errs = b.errors;
  if (errs && typeof errs === 'object' && !Array.isArray(errs)) {
    for (const [key, val] of Object.entries(errs as Record<string, unknown>)) {
      const msgs = asStringArray(val);
      if (msgs.length === 0) continue;
      const k = normaliseFieldKey(key);
      p.fieldErrors[k] = [...(p.fieldErrors[k] ?? []), ...msgs];
    }
  } else if (Array.isArray(errs)) {
    // FastEndpoints-style [{name, reason}] lists.
    for (const e of errs) {
      if (e && typeof e === 'object') {
        const r = e as Record<string, unknown>;
        const name = typeof r.name === 'string' ? r.name : typeof r.propertyName === 'string' ? r.propertyName : '';
        const msg = typeof r.reason === 'string' ? r.reason : typeof r.errorMessage === 'string' ? r.errorMessage : '';
        if (name && msg) {
          const k = normaliseFieldKey(name);
          p.fieldErrors[k] = [...(p.fieldErrors[k] ?? []), msg];
        }
      }
    }
  }
  return p;
}

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
  get status() { return this.problem.status; }
  get code() { return this.problem.code; }
  get fieldErrors() { return this.problem.fieldErrors; }
  get retryAfter() { return this.problem.retryAfter; }
}
