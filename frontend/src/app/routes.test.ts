import { describe, expect, it } from "vitest";
import { isPublicRoute, matchRoute, paths, safeNext } from "./routes";

describe("matchRoute", () => {
  it("knows every screen", () => {
    expect(matchRoute("/")).toEqual({ name: "meetings" });
    expect(matchRoute("/login")).toEqual({ name: "login" });
    expect(matchRoute("/meetings/5")).toEqual({ name: "meeting", meetingId: 5 });
    expect(matchRoute("/meetings/5/")).toEqual({ name: "meeting", meetingId: 5 });
    expect(matchRoute("/meetings/5/documents/9", "?page=3")).toEqual({
      name: "reader",
      meetingId: 5,
      documentId: 9,
      page: 3,
    });
    expect(matchRoute("/meetings/5/chair")).toEqual({ name: "chair", meetingId: 5 });
    expect(matchRoute("/meetings/5/manage")).toEqual({ name: "manage", meetingId: 5 });
    expect(matchRoute("/display/5")).toEqual({ name: "display", meetingId: 5 });
    expect(matchRoute("/public/meetings/5")).toEqual({ name: "public", meetingId: 5 });
    expect(matchRoute("/public/meetings/5/")).toEqual({ name: "public", meetingId: 5 });
  });

  it("builds the public live page's address, and opens it without a login", () => {
    expect(paths.public(5)).toBe("/public/meetings/5");
    expect(matchRoute(paths.public(12))).toEqual({ name: "public", meetingId: 12 });
    expect(isPublicRoute(matchRoute("/public/meetings/5"))).toBe(true);
    expect(isPublicRoute(matchRoute("/login"))).toBe(true);
    expect(isPublicRoute(matchRoute("/meetings/5"))).toBe(false);
    expect(isPublicRoute(matchRoute("/display/5"))).toBe(false);
  });

  it("knows a council's register of resolutions, of a year or of every year", () => {
    expect(matchRoute("/councils/3/resolutions")).toEqual({ name: "resolutions", councilId: 3, year: null });
    expect(matchRoute("/councils/3/resolutions", "?year=2026")).toEqual({ name: "resolutions", councilId: 3, year: 2026 });
    expect(matchRoute("/councils/3/resolutions", "?year=abc")).toMatchObject({ year: null });
    expect(paths.resolutions(3)).toBe("/councils/3/resolutions");
    expect(paths.resolutions(3, 2026)).toBe("/councils/3/resolutions?year=2026");
    expect(paths.resolutions(3, null)).toBe("/councils/3/resolutions");
  });

  it("ignores a page number that is not a page", () => {
    expect(matchRoute("/meetings/5/documents/9", "?page=0")).toMatchObject({ page: null });
    expect(matchRoute("/meetings/5/documents/9", "?page=abc")).toMatchObject({ page: null });
  });

  it("answers notFound for anything else", () => {
    expect(matchRoute("/meetings/abc")).toEqual({ name: "notFound" });
    expect(matchRoute("/display")).toEqual({ name: "notFound" });
    expect(matchRoute("/public/meetings")).toEqual({ name: "notFound" });
    expect(matchRoute("/public/meetings/abc")).toEqual({ name: "notFound" });
    expect(matchRoute("/public/5")).toEqual({ name: "notFound" });
  });

  it("builds the paths it matches", () => {
    expect(matchRoute(paths.reader(2, 3).split("?")[0]!, "?page=4")).toMatchObject({ documentId: 3, page: 4 });
    expect(paths.reader(2, 3, 4)).toBe("/meetings/2/documents/3?page=4");
    expect(paths.login("/display/4")).toBe("/login?next=%2Fdisplay%2F4");
  });
});

describe("safeNext", () => {
  it("only follows paths of this app", () => {
    expect(safeNext("/display/4")).toBe("/display/4");
    expect(safeNext("//evil.example")).toBe("/");
    expect(safeNext("https://evil.example")).toBe("/");
    expect(safeNext(null)).toBe("/");
  });
});
