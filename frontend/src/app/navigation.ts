// Client-side navigation over the History API: navigate() and a hook that re-renders on change.
import { useSyncExternalStore } from "react";

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function currentLocation(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(to: string, { replace = false } = {}): void {
  if (to === currentLocation()) return;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  notify();
}

/** pathname + search; a component using it re-renders when the address changes. */
export function useLocation(): { pathname: string; search: string } {
  const location = useSyncExternalStore(subscribe, currentLocation);
  const queryAt = location.indexOf("?");
  return queryAt === -1
    ? { pathname: location, search: "" }
    : { pathname: location.slice(0, queryAt), search: location.slice(queryAt) };
}
