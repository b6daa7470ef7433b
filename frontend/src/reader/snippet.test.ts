import { describe, expect, it } from "vitest";
import { snippetParts } from "./snippet";

describe("snippetParts", () => {
  it("splits marked matches from the text around them", () => {
    expect(snippetParts("về <mark>đất đai</mark> năm 2026")).toEqual([
      { text: "về ", marked: false },
      { text: "đất đai", marked: true },
      { text: " năm 2026", marked: false },
    ]);
  });

  it("turns escaped characters back into text, never into HTML", () => {
    expect(snippetParts("&lt;script&gt; &amp; <mark>a&quot;b</mark>")).toEqual([
      { text: "<script> & ", marked: false },
      { text: 'a"b', marked: true },
    ]);
  });

  it("handles several matches and none", () => {
    expect(snippetParts("<mark>a</mark><mark>b</mark>").map((part) => part.text)).toEqual(["a", "b"]);
    expect(snippetParts("plain")).toEqual([{ text: "plain", marked: false }]);
  });
});
