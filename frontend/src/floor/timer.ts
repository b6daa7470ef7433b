// A speaker's remaining time, read from the server's clock: while speaking, until `ends_at`;
// paused or waiting, what is left of the allotted time. Negative is overtime.
import type { Speaker } from "./types";

/** The last seconds shown in red. */
export const ENDING_S = 30;

/** normal; ending: the last 30 s (red); over: overtime. */
export type TimerPhase = "normal" | "ending" | "over";

export interface TimerView {
  /** Whole seconds left: counts down to 0, then −1, −2, … in overtime. */
  seconds: number;
  phase: TimerPhase;
  running: boolean;
}

type TimedSpeaker = Pick<Speaker, "state" | "allotted_s" | "spoken_s" | "ends_at">;

/** Milliseconds left at `serverNowMs` (negative once over time). */
export function remainingMs(speaker: TimedSpeaker, serverNowMs: number): number {
  if (speaker.state === "speaking" && speaker.ends_at) {
    const ends = Date.parse(speaker.ends_at);
    if (!Number.isNaN(ends)) return ends - serverNowMs;
  }
  return (speaker.allotted_s - speaker.spoken_s) * 1000;
}

/** Whole seconds, rounded up as a countdown is: 419.2 s left still shows 420 (never "-0"). */
export function wholeSeconds(ms: number): number {
  const seconds = Math.ceil(ms / 1000 - 1e-9);
  return seconds === 0 ? 0 : seconds;
}

export function timerView(speaker: TimedSpeaker, serverNowMs: number): TimerView {
  const seconds = wholeSeconds(remainingMs(speaker, serverNowMs));
  const phase: TimerPhase = seconds < 0 ? "over" : seconds <= ENDING_S ? "ending" : "normal";
  return { seconds, phase, running: speaker.state === "speaking" };
}

/** 420 → "07:00", 5 → "00:05"; overtime with a plus: −75 → "+01:15". */
export function formatRemaining(seconds: number): string {
  const magnitude = Math.abs(seconds);
  const text = `${String(Math.floor(magnitude / 60)).padStart(2, "0")}:${String(magnitude % 60).padStart(2, "0")}`;
  return seconds < 0 ? `+${text}` : text;
}
