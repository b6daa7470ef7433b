import { describe, expect, it } from "vitest";
import { en } from "./en";
import { fill, translator } from "./translate";
import { vi } from "./vi";

describe("translations", () => {
  it("speak Vietnamese by default and English on request", () => {
    expect(translator("vi")("result.passed")).toBe("THÔNG QUA");
    expect(translator("en")("result.passed")).toBe("PASSED");
  });

  it("fill placeholders and leave unknown ones visible", () => {
    expect(translator("vi")("attendance.present", { present: 41, seated: 60 })).toBe("Có mặt 41/60");
    expect(fill("{a} và {b}", { a: 1 })).toBe("1 và {b}");
  });

  it("have the same placeholders in both languages", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(vi[key]));
    }
  });
});
