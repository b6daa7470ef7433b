// t(key, params): the message in the chosen language with {name} placeholders filled in.
import { en } from "./en";
import type { Language } from "./language";
import { vi, type MessageKey } from "./vi";

export type { MessageKey };
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { vi, en };

export function fill(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function translator(language: Language): Translate {
  const dictionary = DICTIONARIES[language];
  return (key, params) => fill(dictionary[key] ?? vi[key] ?? key, params);
}
