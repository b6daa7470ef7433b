import { describe, expect, it } from "vitest";
import { pollResult as result } from "../test/fixtures";
import { resultChart } from "./resultBars";

describe("resultChart", () => {
  it("scales bars to the base, with the required line at required / base", () => {
    const chart = resultChart(result());
    expect(chart.bars.map((bar) => bar.width)).toEqual([0.5, 10 / 60, 0]);
    expect(chart.requiredAt).toBeCloseTo(31 / 60);
  });

  it("never draws past the edge, even when the base is 0", () => {
    const chart = resultChart(result({ base: 0, required: 1, counts: [{ option_id: 1, label: "A", votes: 0 }] }));
    expect(chart.bars[0]!.width).toBe(0);
    expect(chart.requiredAt).toBe(1);
  });
});
