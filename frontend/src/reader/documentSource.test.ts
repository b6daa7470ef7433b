import { describe, expect, it } from "vitest";
import { documentInfo } from "../test/fixtures";
import { documentToOpen, signedLocation, targetOf, type FetchLink } from "./documentSource";

describe("targetOf", () => {
  it("opens the listed version with its size as the length", () => {
    expect(targetOf(documentInfo(5, { version: 3, size: 51_700_000 }))).toEqual({ version: 3, length: 51_700_000 });
  });

  it("leaves the length of a confidential document to the first range (the reader's watermarked copy differs)", () => {
    expect(targetOf(documentInfo(5, { version: 2, size: 1000, confidential: true }))).toEqual({ version: 2, length: null });
  });
});

describe("documentToOpen", () => {
  const live = documentInfo(5, { version: 2 });
  const server = documentInfo(5, { version: 3 });

  it("takes the live state once it comes from the server", () => {
    expect(documentToOpen(live, true, null, false)).toBe(live);
    expect(documentToOpen(live, true, server, false)).toBe(live);
  });

  it("prefers the server's answer to a state restored from the tablet", () => {
    expect(documentToOpen(live, false, server, false)).toBe(server);
    expect(documentToOpen(undefined, true, server, false)).toBe(server);
  });

  it("falls back to the restored state when the server cannot be asked (offline)", () => {
    expect(documentToOpen(live, false, null, true)).toBe(live);
  });

  it("waits while neither is known", () => {
    expect(documentToOpen(live, false, null, false)).toBeNull();
    expect(documentToOpen(undefined, false, null, true)).toBeNull();
  });
});

describe("signedLocation", () => {
  function links() {
    const asked: number[] = [];
    const ask: FetchLink = (documentId, version) => {
      asked.push(version);
      return Promise.resolve({ url: `/files/blobs/${documentId}-${version}-${asked.length}?e=1&s=x`, expires_at: "2026-12-08T02:00:00Z" });
    };
    return { ask, asked };
  }
  const beforeExpiry = () => Date.parse("2026-12-08T01:30:00Z");
  const lastMinute = () => Date.parse("2026-12-08T01:59:30Z");

  it("asks for a link, without a token to send with it, and reuses it while valid", async () => {
    const { ask, asked } = links();
    const first = await signedLocation(901, 1, false, ask, beforeExpiry);
    expect(first).toEqual({ url: "/files/blobs/901-1-1?e=1&s=x", headers: {} });
    expect(await signedLocation(901, 1, false, ask, beforeExpiry)).toBe(first);
    expect(asked).toEqual([1]);
  });

  it("asks again when renewing, near the expiry, and for another version", async () => {
    const { ask, asked } = links();
    await signedLocation(902, 1, false, ask, beforeExpiry);
    expect((await signedLocation(902, 1, true, ask, beforeExpiry)).url).toBe("/files/blobs/902-1-2?e=1&s=x");
    expect((await signedLocation(902, 1, false, ask, lastMinute)).url).toBe("/files/blobs/902-1-3?e=1&s=x");
    await signedLocation(902, 2, false, ask, beforeExpiry);
    expect(asked).toEqual([1, 1, 1, 2]);
  });
});
