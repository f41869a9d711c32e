import { apiFetch, type RequestOptions } from './client';
import { ApiError, parseProblem, parseRetryAfter } from './problem';

/** Characters no file name should carry (paths, controls, what Windows refuses). */
const unsafe = /[\\/:*?"<>|\u0000-\u001f]/g;

/**
 * The file name a Content-Disposition header gives (RFC 6266: `filename*=UTF-8''…` before `filename=`), made safe to
 * save, or `fallback` when there is none.
 */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^;]+)/i.exec(header);
  let name: string | null = null;
  if (extended) {
    const value = extended[1].trim().replace(/^"(.*)"$/, '$1');
    const quote = value.indexOf("''");
    try {
      name = decodeURIComponent(quote >= 0 ? value.slice(quote + 2) : value);
    } catch {
      name = null;
    }
  }
  if (!name) {
    const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
    if (plain) name = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
  }
  const safe = (name ?? '').replace(unsafe, '_').trim();
  return safe && safe !== '.' && safe !== '..' ? safe : fallback;
}

/**
 * Downloads a file the API serves behind the Bearer token: fetched with the client (a plain link would go without the
 * token), then saved through a Blob URL under the server's file name. Refusals throw an ApiError like `api` does.
 */
export async function downloadFile(path: string, fallbackName: string, opts: Pick<RequestOptions, 'query' | 'headers'> = {}): Promise<string> {
  let res: Response;
  try {
    res = await apiFetch(path, { ...opts, headers: { Accept: 'text/csv', ...opts.headers } });
  } catch {
    throw new ApiError({ status: 0, code: 'network', title: 'Network error', detail: null, fieldErrors: {} });
  }
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = text;
    try { body = JSON.parse(text); } catch { /* not JSON */ }
    throw new ApiError(parseProblem(res.status, body, res.statusText || 'Request failed', parseRetryAfter(res.headers.get('Retry-After'))));
  }
  const name = filenameFromDisposition(res.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Freed a little later, not at once: some browsers read the URL only after the click has returned.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
