// A screen whose code loads on demand but can be fetched ahead of need (preload). Unlike
// React.lazy, a screen already fetched renders at once, and one still loading shows the
// fallback and then appears through a plain state update: a lazy component suspends on its
// first render even when its code is there, and React holds back the content that replaces a
// Suspense fallback for up to 300 ms (its "fallback throttle"), which the reader's first page
// would wait for.
import { useEffect, useState, type ComponentType, type ReactNode } from "react";

export interface Preloadable<P> {
  Component: ComponentType<P & { fallback: ReactNode }>;
  preload: () => Promise<unknown>;
}

export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): Preloadable<P> {
  let loaded: ComponentType<P> | null = null;
  let pending: Promise<ComponentType<P>> | null = null;

  function preload(): Promise<ComponentType<P>> {
    pending ??= load().then(
      (module) => (loaded = module.default),
      (error: unknown) => {
        pending = null; // the next attempt fetches again (the network may be back)
        throw error;
      },
    );
    return pending;
  }

  function Component({ fallback, ...props }: P & { fallback: ReactNode }) {
    const [screen, setScreen] = useState<{ Screen: ComponentType<P> | null; error: Error | null }>(() => ({ Screen: loaded, error: null }));
    useEffect(() => {
      if (screen.Screen) return;
      let cancelled = false;
      preload().then(
        (Screen) => !cancelled && setScreen({ Screen, error: null }),
        (error: unknown) => !cancelled && setScreen({ Screen: null, error: error instanceof Error ? error : new Error(String(error)) }),
      );
      return () => {
        cancelled = true;
      };
    }, [screen.Screen]);
    if (screen.error) throw screen.error; // as React.lazy does: the code could not be loaded
    const { Screen } = screen;
    return Screen ? <Screen {...(props as P)} /> : fallback;
  }

  return { Component, preload };
}
