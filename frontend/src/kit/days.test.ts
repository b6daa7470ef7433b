import { describe, expect, it } from "vitest";

import { formatDay } from "./days";

describe("formatDay", () => {
  it("writes a day as dd/mm/yyyy", () => {
    expect(formatDay("2025-07-01")).toBe("01/07/2025");
    expect(formatDay("2026-12-28")).toBe("28/12/2026");
    expect(formatDay("2025-12-31T17:00:00Z")).toBe("31/12/2025");
  });

  it("leaves anything that is not a day unchanged", () => {
    expect(formatDay("soon")).toBe("soon");
    expect(formatDay("")).toBe("");
  });
});
