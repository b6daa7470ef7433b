// The result as bars: each option's share of the base, and where the required number falls.
import type { PollResult } from "../api/voting";

export interface ResultBar {
  label: string;
  votes: number;
  /** 0..1 of the chart's width. */
  width: number;
}

export interface ResultChartModel {
  bars: ResultBar[];
  /** 0..1: where the "required" line is drawn. */
  requiredAt: number;
}

export function resultChart(result: PollResult): ResultChartModel {
  const most = Math.max(0, ...result.counts.map((count) => count.votes));
  const scale = Math.max(result.base, result.required, most, 1);
  return {
    bars: result.counts.map((count) => ({ label: count.label, votes: count.votes, width: count.votes / scale })),
    requiredAt: Math.min(1, result.required / scale),
  };
}
