import { describe, expect, it } from "vitest";
import type { PackageEntry } from "../api/types";
import { formatBytes, nextDownloads, packageReducer, packageTotals, type PackageAction, type PackageFile } from "./packageProgress";

function entry(id: number, size: number, version = 1): PackageEntry {
  return {
    document_id: id,
    title: `Tài liệu ${id}`,
    kind: "proposal",
    agenda_item_id: 1,
    version,
    sha256: "a".repeat(64),
    size,
    pages: 3,
    confidential: false,
    url: `/api/v1/documents/${id}/file?version=${version}`,
  };
}

const run = (actions: PackageAction[], from: PackageFile[] = []) => actions.reduce(packageReducer, from);
const listed: PackageAction = { type: "listed", items: [entry(1, 1000), entry(2, 3000), entry(3, 6000)], alreadyStored: (item) => item.document_id === 3 };

describe("package download", () => {
  it("counts files already on the tablet as done and fetches the rest", () => {
    const files = run([listed]);
    expect(files.map((file) => file.status)).toEqual(["waiting", "waiting", "stored"]);
    expect(packageTotals(files)).toMatchObject({ bytesDone: 6000, bytesTotal: 10_000, filesDone: 1, filesTotal: 3, fraction: 0.6, finished: false });
  });

  it("adds the bytes of files in flight, clamped to their size", () => {
    const files = run([listed, { type: "start", documentId: 1 }, { type: "progress", documentId: 1, received: 400 }, { type: "start", documentId: 2 }, { type: "progress", documentId: 2, received: 9999 }]);
    expect(packageTotals(files).bytesDone).toBe(6000 + 400 + 3000);
  });

  it("finishes with failures listed, and retries only those", () => {
    let files = run([listed, { type: "start", documentId: 1 }, { type: "stored", documentId: 1 }, { type: "start", documentId: 2 }, { type: "progress", documentId: 2, received: 100 }, { type: "failed", documentId: 2, message: "Sai mã kiểm tra" }]);
    expect(packageTotals(files)).toMatchObject({ bytesDone: 7000, filesDone: 2, failed: 1, finished: true });
    expect(files[1]?.message).toBe("Sai mã kiểm tra");
    files = run([{ type: "retryFailed" }], files);
    expect(files.map((file) => file.status)).toEqual(["stored", "waiting", "stored"]);
    expect(packageTotals(files).finished).toBe(false);
  });

  it("starts at most N downloads at a time", () => {
    let files = run([listed]);
    expect(nextDownloads(files, 2).map((file) => file.entry.document_id)).toEqual([1, 2]);
    files = run([{ type: "start", documentId: 1 }], files);
    expect(nextDownloads(files, 2).map((file) => file.entry.document_id)).toEqual([2]);
    expect(nextDownloads(files, 1)).toEqual([]);
  });

  it("treats an empty package as complete", () => {
    expect(packageTotals(run([{ type: "listed", items: [], alreadyStored: () => false }]))).toMatchObject({ fraction: 1, finished: true, filesTotal: 0 });
  });

  it("formats sizes in the interface language", () => {
    expect(formatBytes(512, "vi")).toBe("512 B");
    expect(formatBytes(35_861_709, "vi")).toBe("34,2 MB");
    expect(formatBytes(35_861_709, "en")).toBe("34.2 MB");
    expect(formatBytes(150 * 1024 * 1024, "en")).toBe("150 MB");
  });
});
