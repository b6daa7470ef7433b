// The result as bars: each option's share of the base, its tone (colour and pattern), and where
// the required number falls.
import type { PollResult } from "../api/voting";

/** for = tán thành (green), against = không tán thành (red), abstain = không biểu quyết (grey,
 * hatched): distinct in colour and, for greyscale and colour-blind readers, in pattern. */
export type ResultTone = "for" | "against" | "abstain" | "other";

export interface ResultBar {
  label: string;
  votes: number;
  /** 0..1 of the chart's width. */
  width: number;
  /** votes / base (0..1), or null when the base is 0. */
  share: number | null;
  tone: ResultTone;
}

export interface ResultChartModel {
  bars: ResultBar[];
  /** 0..1: where the "required" line is drawn. */
  requiredAt: number;
}

const TONES: Record<string, ResultTone> = {
  "tán thành": "for",
  "không tán thành": "against",
  "không biểu quyết": "abstain",
};

export function toneOf(label: string): ResultTone {
  return TONES[label.trim().toLocaleLowerCase("vi")] ?? "other";
}

export function resultChart(result: PollResult): ResultChartModel {
  const most = Math.max(0, ...result.counts.map((count) => count.votes));
  const scale = Math.max(result.base, result.required, most, 1);
  return {
    bars: result.counts.map((count) => ({
      label: count.label,
      votes: count.votes,
      width: count.votes / scale,
      share: result.base > 0 ? count.votes / result.base : null,
      tone: toneOf(count.label),
    })),
    requiredAt: Math.min(1, result.required / scale),
  };
}

/** "66,7%" / "66.7%": one decimal at most. */
export function formatShare(share: number, language: string): string {
  return new Intl.NumberFormat(language === "vi" ? "vi-VN" : "en-GB", { style: "percent", maximumFractionDigits: 1 }).format(share);
}
