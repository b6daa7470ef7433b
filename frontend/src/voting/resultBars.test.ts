import { describe, expect, it } from "vitest";
import { pollResult as result } from "../test/fixtures";
import { formatShare, resultChart, toneOf } from "./resultBars";

describe("resultChart", () => {
  it("scales bars to the base, with the required line at required / base", () => {
    const chart = resultChart(result());
    expect(chart.bars.map((bar) => bar.width)).toEqual([0.5, 10 / 60, 0]);
    expect(chart.requiredAt).toBeCloseTo(31 / 60);
  });

  it("gives each option its share of the base and a distinct tone", () => {
    const chart = resultChart(result());
    expect(chart.bars.map((bar) => bar.share)).toEqual([0.5, 10 / 60, 0]);
    expect(chart.bars.map((bar) => bar.tone)).toEqual(["for", "against", "abstain"]);
  });

  it("never draws past the edge, even when the base is 0", () => {
    const chart = resultChart(result({ base: 0, required: 1, counts: [{ option_id: 1, label: "A", votes: 0 }] }));
    expect(chart.bars[0]!.width).toBe(0);
    expect(chart.bars[0]!.share).toBeNull();
    expect(chart.requiredAt).toBe(1);
  });
});

describe("toneOf and formatShare", () => {
  it("knows the resolution options whatever their case; candidates are 'other'", () => {
    expect(toneOf("Tán thành")).toBe("for");
    expect(toneOf("KHÔNG TÁN THÀNH")).toBe("against");
    expect(toneOf(" Không biểu quyết ")).toBe("abstain");
    expect(toneOf("Nguyễn Văn A")).toBe("other");
  });

  it("writes percentages the Vietnamese or the English way", () => {
    expect(formatShare(2 / 3, "vi")).toBe("66,7%");
    expect(formatShare(2 / 3, "en")).toBe("66.7%");
    expect(formatShare(0.5, "vi")).toBe("50%");
  });
});
