// Downloading a meeting's offline package: each file's progress and outcome as a pure reducer,
// and the totals the progress bar shows (bytes done / bytes in the package). Files already on
// the tablet (same document version) count as done without being fetched again.
import type { PackageEntry } from "../api/types";

export type FileStatus = "waiting" | "downloading" | "stored" | "failed";

export interface PackageFile {
  entry: PackageEntry;
  status: FileStatus;
  /** Bytes received so far (never more than the entry's size, for the bar). */
  received: number;
  message: string | null;
}

export type PackageAction =
  | { type: "listed"; items: PackageEntry[]; alreadyStored: (entry: PackageEntry) => boolean }
  | { type: "start"; documentId: number }
  | { type: "progress"; documentId: number; received: number }
  | { type: "stored"; documentId: number }
  | { type: "failed"; documentId: number; message: string }
  | { type: "retryFailed" };

function update(files: PackageFile[], documentId: number, change: (file: PackageFile) => Partial<PackageFile>): PackageFile[] {
  return files.map((file) => (file.entry.document_id === documentId ? { ...file, ...change(file) } : file));
}

export function packageReducer(files: PackageFile[], action: PackageAction): PackageFile[] {
  switch (action.type) {
    case "listed":
      return action.items.map((entry) =>
        action.alreadyStored(entry)
          ? { entry, status: "stored", received: entry.size, message: null }
          : { entry, status: "waiting", received: 0, message: null },
      );
    case "start":
      return update(files, action.documentId, () => ({ status: "downloading", received: 0, message: null }));
    case "progress":
      return update(files, action.documentId, (file) => ({ received: Math.max(0, Math.min(file.entry.size, action.received)) }));
    case "stored":
      return update(files, action.documentId, (file) => ({ status: "stored", received: file.entry.size, message: null }));
    case "failed":
      return update(files, action.documentId, () => ({ status: "failed", received: 0, message: action.message }));
    case "retryFailed":
      return files.map((file) => (file.status === "failed" ? { ...file, status: "waiting", message: null } : file));
  }
}

export interface PackageTotals {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
  failed: number;
  /** 0..1 for the progress bar; 1 for an empty package. */
  fraction: number;
  finished: boolean;
}

export function packageTotals(files: PackageFile[]): PackageTotals {
  let bytesDone = 0;
  let bytesTotal = 0;
  let filesDone = 0;
  let failed = 0;
  let busy = false;
  for (const file of files) {
    bytesTotal += file.entry.size;
    if (file.status === "stored") {
      bytesDone += file.entry.size;
      filesDone += 1;
    } else if (file.status === "downloading") {
      bytesDone += file.received;
      busy = true;
    } else if (file.status === "failed") {
      failed += 1;
    } else {
      busy = true;
    }
  }
  return {
    bytesDone,
    bytesTotal,
    filesDone,
    filesTotal: files.length,
    failed,
    fraction: bytesTotal > 0 ? bytesDone / bytesTotal : files.length === filesDone ? 1 : 0,
    finished: !busy,
  };
}

/** The next files to fetch so that at most `parallel` download at once. */
export function nextDownloads(files: PackageFile[], parallel: number): PackageFile[] {
  const running = files.filter((file) => file.status === "downloading").length;
  return files.filter((file) => file.status === "waiting").slice(0, Math.max(0, parallel - running));
}

/** "34,2 MB" / "34.2 MB": sizes for people, in the interface language. */
export function formatBytes(bytes: number, language: "vi" | "en"): string {
  const units = ["B", "KB", "MB", "GB"];
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = new Intl.NumberFormat(language === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  return `${number} ${units[unit]}`;
}
