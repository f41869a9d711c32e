import type { SseEvent } from './sse';

type Listener = (e: SseEvent) => void;
/** Starts reading the stream, handing every event on, until `signal` aborts. */
export type OpenStream = (onEvent: Listener, signal: AbortSignal) => void;

/**
 * One Server-Sent Events stream for the whole tab however many parts of the screen want it (a browser keeps only
 * six connections per server): opened by its first holder, closed when the last one lets go. Listeners hear it
 * while it is open, without keeping it open (the connection banner refreshes on it only when someone else holds it).
 */
export class SharedStream {
  private readonly listeners = new Set<Listener>();
  private holders = 0;
  private controller: AbortController | null = null;

  constructor(private readonly open: OpenStream) {}

  get isOpen(): boolean {
    return this.controller !== null;
  }

  /** Keeps the stream open until the returned function is called (once). */
  hold(): () => void {
    this.holders++;
    if (!this.controller) {
      const controller = new AbortController();
      this.controller = controller;
      this.open((e) => { for (const l of [...this.listeners]) l(e); }, controller.signal);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holders--;
      if (this.holders === 0 && this.controller) {
        this.controller.abort();
        this.controller = null;
      }
    };
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }
}
