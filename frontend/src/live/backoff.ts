// How long to wait before reconnecting: doubling from half a second up to 30 s, with jitter so
// that a hall full of tablets does not reconnect in the same millisecond after a Wi-Fi drop.

export const FIRST_DELAY_MS = 500;
export const MAX_DELAY_MS = 30_000;

/** attempt 0 is the first retry; `random` returns a number in [0, 1). */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  // "Equal jitter": at least half the ceiling, at most all of it.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
