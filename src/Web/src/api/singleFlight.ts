/**
 * Wraps an async function so that concurrent callers share one in-flight call:
 * while a call runs, every other caller gets the same promise; once it settles,
 * the next caller starts a fresh call.
 */
export function singleFlight<T>(fn: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | null = null;
  return () => {
    if (inFlight) return inFlight;
    const p = (async () => {
      try {
        return await fn();
      } finally {
        inFlight = null;
      }
    })();
    inFlight = p;
    return p;
  };
}
