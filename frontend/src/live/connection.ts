// One meeting's live channel: connects, keeps the LiveState, reconnects with backoff and
// ?since=<last seq>, and resyncs on a gap. A small store for useSyncExternalStore.
import { ServerClock } from "../floor/clock";
import { reconnectDelay } from "./backoff";
import { CLOSE_RESYNC, finalStatusFor, type ConnectionStatus } from "./closeCodes";
import { parseLiveMessage } from "./messages";
import { liveUrl, receive, resumeFrom } from "./sequence";
import { EMPTY_LIVE_STATE, type LiveState } from "./state";
import type { LiveStateStore } from "./stateStore";

/** A connection that lasted this long was healthy: the next retry starts from a short delay. */
const STABLE_CONNECTION_MS = 10_000;
/** The state is written to the tablet's storage at most this often (poll progress is frequent). */
const SAVE_DELAY_MS = 1_000;

export interface LiveSnapshot {
  state: LiveState;
  status: ConnectionStatus;
}

export interface LiveConnectionOptions {
  meetingId: number;
  /** null: no login (the public live page), the guest view of a published public meeting. */
  token: string | null;
  origin?: string;
  createSocket?: (url: string) => WebSocket;
  /** Where the last known state is kept between visits (offline start, resume with since). */
  store?: LiveStateStore;
}

export class LiveConnection {
  private readonly options: LiveConnectionOptions;
  private socket: WebSocket | null = null;
  private snapshot: LiveSnapshot = { state: EMPTY_LIVE_STATE, status: "connecting" };
  private readonly listeners = new Set<() => void>();
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private openedAt: number | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private savedAt = Number.NEGATIVE_INFINITY;
  /** The server's clock, from the `server_time` of every message (speakers' countdowns). */
  readonly clock = new ServerClock();

  constructor(options: LiveConnectionOptions) {
    this.options = options;
    const restored = options.store?.load() ?? null;
    if (restored) this.snapshot = { state: restored, status: "connecting" };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): LiveSnapshot => this.snapshot;

  /** Whether this connection follows with a login (false: the public live page). */
  get signedIn(): boolean {
    return this.options.token !== null;
  }

  start(): void {
    this.stopped = false;
    globalThis.addEventListener?.("online", this.reconnectNow);
    globalThis.document?.addEventListener("visibilitychange", this.onVisibility);
    globalThis.addEventListener?.("pagehide", this.flushSave);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    globalThis.removeEventListener?.("online", this.reconnectNow);
    globalThis.document?.removeEventListener("visibilitychange", this.onVisibility);
    globalThis.removeEventListener?.("pagehide", this.flushSave);
    this.clearRetry();
    this.dropSocket(1000);
    this.flushSave();
  }

  /** After the network comes back or the tablet wakes: do not wait for the backoff. */
  readonly reconnectNow = (): void => {
    if (this.stopped || this.snapshot.status === "live" || this.isFinal()) return;
    this.clearRetry();
    this.attempt = 0;
    this.connect();
  };

  private readonly onVisibility = (): void => {
    if (globalThis.document?.visibilityState === "visible") this.reconnectNow();
    else this.flushSave();
  };

  private isFinal(): boolean {
    return this.snapshot.status === "unauthenticated" || this.snapshot.status === "forbidden";
  }

  private connect(): void {
    this.dropSocket(1000);
    const origin = this.options.origin ?? globalThis.location.origin;
    const url = liveUrl(origin, this.options.meetingId, this.options.token, resumeFrom(this.snapshot.state));
    const socket = this.options.createSocket ? this.options.createSocket(url) : new WebSocket(url);
    this.socket = socket;
    this.openedAt = null;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.openedAt = Date.now();
      // Resuming with nothing missed, the server sends nothing: being connected is being live.
      if (this.snapshot.state.seq !== null) this.publish({ ...this.snapshot, status: "live" });
    };
    socket.onmessage = (event) => {
      if (this.socket === socket && typeof event.data === "string") this.onText(event.data);
    };
    socket.onclose = (event) => {
      if (this.socket === socket) this.onClosed(event.code);
    };
  }

  private onText(text: string): void {
    const receivedAt = Date.now();
    const message = parseLiveMessage(text);
    if (!message) return;
    this.clock.observe(message.server_time, receivedAt);
    const { state, outcome } = receive(this.snapshot.state, message);
    if (outcome === "gap") {
      // Something was missed: reconnect at once; the server replays from our last seq.
      this.dropSocket(CLOSE_RESYNC);
      this.connect();
      return;
    }
    this.attempt = 0;
    if (outcome === "applied" || this.snapshot.status !== "live") this.publish({ state, status: "live" });
  }

  private onClosed(code: number): void {
    this.socket = null;
    if (this.stopped) return;
    if (this.openedAt !== null && Date.now() - this.openedAt > STABLE_CONNECTION_MS) this.attempt = 0;
    const final = finalStatusFor(code);
    if (final) {
      this.publish({ ...this.snapshot, status: final });
      return;
    }
    this.publish({ ...this.snapshot, status: this.snapshot.state.seq === null ? "connecting" : "reconnecting" });
    this.clearRetry();
    this.retryTimer = setTimeout(() => this.connect(), reconnectDelay(this.attempt));
    this.attempt += 1;
  }

  private dropSocket(code: number): void {
    const socket = this.socket;
    this.socket = null;
    if (socket && socket.readyState <= 1) socket.close(code);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private publish(snapshot: LiveSnapshot): void {
    const changed = snapshot.state !== this.snapshot.state;
    this.snapshot = snapshot;
    if (changed) this.scheduleSave();
    for (const listener of this.listeners) listener();
  }

  /** At once if the last write is a second old, else once that second is over. */
  private scheduleSave(): void {
    if (!this.options.store || this.saveTimer !== null) return;
    const wait = this.savedAt + SAVE_DELAY_MS - Date.now();
    if (wait <= 0) this.save();
    else this.saveTimer = setTimeout(() => this.save(), wait);
  }

  /** Writes a change still waiting for its turn (the page is being hidden or left). */
  private readonly flushSave = (): void => {
    if (this.saveTimer !== null) this.save();
  };

  private save(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.savedAt = Date.now();
    this.options.store?.save(this.snapshot.state);
  }
}
