// Small answers remembered for offline starts (the list of my meetings): the fresh answer when
// the server answers, the last one when there is no network.
import { ApiError } from "../api/errors";

const PREFIX = "kyhop.cache.";

export async function remembered<T>(key: string, load: () => Promise<T>): Promise<T> {
  try {
    const fresh = await load();
    try {
      localStorage.setItem(PREFIX + key, JSON.stringify(fresh));
    } catch {
      // not remembered: offline starts will show nothing
    }
    return fresh;
  } catch (error) {
    if (!(error instanceof ApiError && error.isNetwork)) throw error;
    let text: string | null = null;
    try {
      text = localStorage.getItem(PREFIX + key);
    } catch {
      // storage unavailable: nothing remembered
    }
    if (text === null) throw error;
    return JSON.parse(text) as T;
  }
}

export function forgetRemembered(): void {
  try {
    for (const key of Object.keys(localStorage)) if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  } catch {
    // nothing to forget
  }
}
