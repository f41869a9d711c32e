/**
 * The few seconds in which a completed activity can be taken back. One at a time: a second completion closes the first
 * window (that one stays done). The window pauses while the pointer or focus is on the toast, so reaching "Undo"
 * with the keyboard or a screen reader never races the clock, and runs on for what was left when they leave.
 */
export class UndoTimer<T> {
  private item: T | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private left = 0;
  private startedAt = 0;

  constructor(private readonly ms: number, private readonly onChange: (item: T | null) => void, private readonly now: () => number = Date.now) {}

  /** Opens the window for `item`, closing any other. */
  open(item: T): void {
    this.stop();
    this.item = item;
    this.left = this.ms;
    this.onChange(item);
    this.run();
  }

  /** The user undoes: the item if its window is still open (and closes it), else null. */
  take(): T | null {
    const item = this.item;
    this.close();
    return item;
  }

  pause(): void {
    if (!this.timer) return;
    this.stop();
    this.left = Math.max(0, this.left - (this.now() - this.startedAt));
  }

  resume(): void {
    if (this.item !== null && !this.timer) this.run();
  }

  /** Closes the window without undoing (dismissed, or the screen went away). */
  close(): void {
    this.stop();
    if (this.item === null) return;
    this.item = null;
    this.onChange(null);
  }

  private run(): void {
    this.startedAt = this.now();
    this.timer = setTimeout(() => { this.timer = null; this.close(); }, this.left);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
