// The server's clock as seen from this device. Every live message carries `server_time` (as it
// leaves the server); offset = server_time − the local clock at receipt. The estimate is the
// median of the last few offsets, so one late message (a busy tablet) does not move it; when
// the newest offset is far from the estimate, the local clock was changed: start over from it.

/** Offsets kept for the median. */
export const CLOCK_SAMPLES = 5;
/** A newer offset this far from the estimate means the local clock jumped. */
export const CLOCK_JUMP_MS = 1_500;

export class ServerClock {
  private samples: number[] = [];
  private estimate = 0;
  private readonly listeners = new Set<() => void>();

  /** Records one message's `server_time` received at `localMs` (ignores what does not parse). */
  observe(serverTime: string | undefined | null, localMs: number): void {
    if (!serverTime) return;
    const serverMs = Date.parse(serverTime);
    if (Number.isNaN(serverMs)) return;
    const offset = serverMs - localMs;
    if (this.samples.length > 0 && Math.abs(offset - this.estimate) > CLOCK_JUMP_MS) this.samples = [];
    this.samples.push(offset);
    if (this.samples.length > CLOCK_SAMPLES) this.samples.shift();
    const before = this.estimate;
    this.estimate = median(this.samples);
    if (this.estimate !== before) for (const listener of this.listeners) listener();
  }

  /** Milliseconds to add to the local clock to read the server's (0 before any message). */
  get offsetMs(): number {
    return this.estimate;
  }

  /** Whether any message has told the server's time yet. */
  get known(): boolean {
    return this.samples.length > 0;
  }

  /** The server's time now, in ms since the epoch. */
  now(localMs: number = Date.now()): number {
    return localMs + this.estimate;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
