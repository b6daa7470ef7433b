// Times of the record as Vietnamese documents state them: in Vietnam's time zone, whatever the
// tablet's (a signature's time, the year of the register).
import type { Language } from "../i18n/language";

export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

function partsOf(date: Date, language: Language): (type: Intl.DateTimeFormatPartTypes) => string {
  const parts = new Intl.DateTimeFormat(language === "vi" ? "vi-VN" : "en-GB", {
    timeZone: VIETNAM_TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  return (type) => parts.find((entry) => entry.type === type)?.value ?? "";
}

/** "14:05:09 08/12/2026" in Vietnam's time (both languages); anything not a time unchanged. */
export function formatVietnamTime(iso: string, language: Language): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = partsOf(date, language);
  return `${part("hour")}:${part("minute")}:${part("second")} ${part("day")}/${part("month")}/${part("year")}`;
}

/** The year it is in Vietnam at that moment. */
export function vietnamYear(date: Date): number {
  return Number(partsOf(date, "vi")("year"));
}
