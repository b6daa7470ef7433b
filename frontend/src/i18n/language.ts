// The interface language: Vietnamese by default, English on request; remembered per device.

export type Language = "vi" | "en";
export const LANGUAGES: readonly Language[] = ["vi", "en"];

const LANGUAGE_KEY = "kyhop.language";
type Listener = (language: Language) => void;
const listeners = new Set<Listener>();

export function readLanguage(): Language {
  try {
    return globalThis.localStorage?.getItem(LANGUAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

export function saveLanguage(language: Language): void {
  try {
    globalThis.localStorage?.setItem(LANGUAGE_KEY, language);
  } catch {
    // not persisted; still switched for this page
  }
  if (typeof document !== "undefined") document.documentElement.lang = language;
  for (const listener of listeners) listener(language);
}

export function onLanguageChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
