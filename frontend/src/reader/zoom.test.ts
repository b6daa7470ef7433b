import { describe, expect, it } from "vitest";
import { clampPage, scaleFor, zoomIn, zoomOut } from "./zoom";

describe("zoom", () => {
  it("fits the page width to the screen", () => {
    expect(scaleFor({ mode: "fit" }, 595, 1190)).toBe(2);
    expect(scaleFor({ mode: "fixed", factor: 1.5 }, 595, 1190)).toBe(1.5);
    expect(scaleFor({ mode: "fit" }, 0, 800)).toBe(1);
  });

  it("steps in and out from wherever it is", () => {
    expect(zoomIn(1)).toEqual({ mode: "fixed", factor: 1.25 });
    expect(zoomIn(1.1)).toEqual({ mode: "fixed", factor: 1.25 });
    expect(zoomOut(1.1)).toEqual({ mode: "fixed", factor: 1 });
    expect(zoomIn(4)).toEqual({ mode: "fixed", factor: 4 });
    expect(zoomOut(0.5)).toEqual({ mode: "fixed", factor: 0.5 });
  });

  it("keeps the page number inside the document", () => {
    expect(clampPage(0, 10)).toBe(1);
    expect(clampPage(11, 10)).toBe(10);
    expect(clampPage(3.4, 10)).toBe(3);
    expect(clampPage(Number.NaN, 10)).toBe(1);
  });
});
