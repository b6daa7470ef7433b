// Downloading one meeting's offline package (GET /api/v1/meetings/{id}/package): each listed
// file is fetched whole, hashed as it streams in, checked against the package's sha256 and put
// in the document store. Nothing half-downloaded or unverified is ever stored.
import { api, call } from "../api/client";
import { ApiError, networkError } from "../api/errors";
import { errorFromResponse, isAbortError, offlineMessage, requestHeaders } from "../api/http";
import type { OfflinePackage, PackageEntry } from "../api/types";
import { storeDocument } from "./documentStore";
import { Sha256 } from "./sha256";

export const CHECKSUM_MISMATCH = "checksum_mismatch";
export const STORAGE_FULL = "storage_full";
export const ABORTED = "aborted";

export function fetchPackage(meetingId: number): Promise<OfflinePackage> {
  return call(api.GET("/api/v1/meetings/{meeting_id}/package", { params: { path: { meeting_id: meetingId } } }));
}



function isQuota(error: unknown): boolean {
  return error instanceof DOMException && (error.name === "QuotaExceededError" || error.code === 22);
}

/** Fetches, verifies and stores one file; onProgress gets the bytes received so far. */
export async function downloadEntry(entry: PackageEntry, signal: AbortSignal, onProgress: (received: number) => void): Promise<void> {
  let response: Response;
  try {
    response = await fetch(entry.url, { headers: requestHeaders(), signal });
  } catch (error) {
    throw isAbortError(error) ? new ApiError(0, ABORTED, ABORTED) : networkError(offlineMessage());
  }
  if (!response.ok) throw await errorFromResponse(response);

  const hash = new Sha256();
  const chunks: Uint8Array[] = [];
  let received = 0;
  try {
    const reader = response.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        hash.update(value);
        chunks.push(value);
        received += value.length;
        onProgress(received);
      }
    } else {
      const whole = new Uint8Array(await response.arrayBuffer());
      hash.update(whole);
      chunks.push(whole);
      onProgress(whole.length);
    }
  } catch (error) {
    throw isAbortError(error) ? new ApiError(0, ABORTED, ABORTED) : networkError(offlineMessage());
  }

  const digest = hash.hex();
  if (digest !== entry.sha256.toLowerCase()) throw new ApiError(0, CHECKSUM_MISMATCH, CHECKSUM_MISMATCH);
  try {
    await storeDocument(entry.document_id, entry.version, new Blob(chunks as BlobPart[], { type: "application/pdf" }), digest);
  } catch (error) {
    throw isQuota(error) ? new ApiError(0, STORAGE_FULL, STORAGE_FULL) : error;
  }
}

/** Asks the browser not to evict the stored documents when space runs low. */
export async function askToKeepStorage(): Promise<void> {
  try {
    await navigator.storage?.persist?.();
  } catch {
    // best effort: the copies stay until the browser needs the space
  }
}

// When this tablet last downloaded a meeting's package (shown beside the button).
const RECORD_PREFIX = "kyhop.offline.package.";

export interface PackageRecord {
  at: string;
  documents: number;
  bytes: number;
}

export function readPackageRecord(meetingId: number): PackageRecord | null {
  try {
    const text = localStorage.getItem(RECORD_PREFIX + meetingId);
    return text ? (JSON.parse(text) as PackageRecord) : null;
  } catch {
    return null;
  }
}

export function savePackageRecord(meetingId: number, record: PackageRecord): void {
  try {
    localStorage.setItem(RECORD_PREFIX + meetingId, JSON.stringify(record));
  } catch {
    // only the "downloaded at" line is lost
  }
}

export function forgetPackageRecords(): void {
  try {
    const keys = Object.keys(localStorage).filter((key) => key.startsWith(RECORD_PREFIX));
    for (const key of keys) localStorage.removeItem(key);
  } catch {
    // nothing to forget
  }
}
