// Loading data for a screen: {data, error, loading, reload}. The latest call wins.
//
// `deps` are what `load` depends on, as for useEffect (react-hooks/exhaustive-deps checks them:
// eslint.config.js names useAsync as such a hook); plain values only (ids, flags), compared by
// value. A change of one (or reload()) loads again; the last data stays on screen meanwhile.
import { useCallback, useEffect, useEffectEvent, useState } from "react";

export interface AsyncState<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

type Dependency = string | number | boolean | null | undefined;

/** What the last finished call answered, and for which call (deps and round) it was. */
interface Outcome<T> {
  key: string;
  data: T | null;
  error: unknown;
}

export function useAsync<T>(load: () => Promise<T>, deps: readonly Dependency[]): AsyncState<T> {
  const [round, setRound] = useState(0);
  const [outcome, setOutcome] = useState<Outcome<T> | null>(null);
  const key = JSON.stringify([...deps, round]);
  // The load of the render that asks: `load` itself is a new function every render.
  const loadNow = useEffectEvent(load);

  useEffect(() => {
    let latest = true;
    loadNow().then(
      (data) => latest && setOutcome({ key, data, error: null }),
      (error: unknown) => latest && setOutcome((last) => ({ key, data: last?.data ?? null, error })),
    );
    return () => {
      latest = false;
    };
  }, [key]);

  const reload = useCallback(() => setRound((value) => value + 1), []);
  // Loading while the last outcome is not this call's: its error is no longer shown.
  const current = outcome?.key === key ? outcome : null;
  return { data: outcome?.data ?? null, error: current?.error ?? null, loading: current === null, reload };
}
