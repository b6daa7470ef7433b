import { describe, expect, it } from "vitest";
import { documentFileUrl, isDocumentVersionUrl } from "./urls";

describe("document URLs", () => {
  it("name one version of a file", () => {
    expect(documentFileUrl(12, 3)).toBe("/api/v1/documents/12/file?version=3");
  });

  it("recognise only fixed versions (the plain URL follows the current version)", () => {
    const url = (path: string) => new URL(path, "http://tablet.local");
    expect(isDocumentVersionUrl(url(documentFileUrl(12, 3)))).toBe(true);
    expect(isDocumentVersionUrl(url("/api/v1/documents/12/file"))).toBe(false);
    expect(isDocumentVersionUrl(url("/api/v1/documents/12/file?version=0"))).toBe(false);
    expect(isDocumentVersionUrl(url("/api/v1/documents/12/annotations?version=1"))).toBe(false);
    expect(isDocumentVersionUrl(url("/api/v1/documents/x/file?version=1"))).toBe(false);
  });
});
