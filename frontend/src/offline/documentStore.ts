// The downloaded PDFs, in Cache Storage under the URL the reader asks for
// (/api/v1/documents/{id}/file?version=n). Why Cache Storage rather than IndexedDB: the service
// worker (src/sw.ts) can answer PDF.js's Range requests straight from it, so the reader keeps
// loading page by page exactly as online — a 300-page file is never read whole into memory —
// and a stored version is served locally even online, sparing the hall's Wi-Fi. A version's
// bytes never change, so a stored copy never goes stale; a new version is a new URL.
import { DOCUMENT_CACHE, documentFileUrl } from "./urls";

/** The header carrying the checked SHA-256 of a stored copy. */
export const STORED_SHA256_HEADER = "X-Kyhop-Sha256";

function cacheStorage(): CacheStorage | null {
  return typeof caches === "undefined" ? null : caches;
}

/** False on pages that are not a secure context (plain http to a hall server), where browsers offer no Cache Storage. */
export function canStoreDocuments(): boolean {
  return cacheStorage() !== null;
}

function absolute(path: string): string {
  return new URL(path, globalThis.location.origin).toString();
}

/** The stored files as "documentId:version" keys. */
export async function storedVersions(): Promise<Set<string>> {
  const storage = cacheStorage();
  if (!storage || !(await storage.has(DOCUMENT_CACHE))) return new Set();
  const cache = await storage.open(DOCUMENT_CACHE);
  const keys = new Set<string>();
  for (const request of await cache.keys()) {
    const match = /\/api\/v1\/documents\/(\d+)\/file\?version=(\d+)$/.exec(request.url);
    if (match) keys.add(versionKey(Number(match[1]), Number(match[2])));
  }
  return keys;
}

export function versionKey(documentId: number, version: number): string {
  return `${documentId}:${version}`;
}

export async function storeDocument(documentId: number, version: number, file: Blob, sha256: string): Promise<void> {
  const storage = cacheStorage();
  if (!storage) throw new Error("Cache Storage unavailable");
  const cache = await storage.open(DOCUMENT_CACHE);
  // The headers PDF.js needs to read it by ranges (Accept-Ranges, Content-Length).
  const headers = {
    "Content-Type": "application/pdf",
    "Content-Length": String(file.size),
    "Accept-Ranges": "bytes",
    [STORED_SHA256_HEADER]: sha256,
  };
  await cache.put(absolute(documentFileUrl(documentId, version)), new Response(file, { status: 200, headers }));
}

/** The stored copy of a version, if any: the reader reads it (through the service worker when one
 * answers, else directly) rather than a signed link. */
export async function storedDocument(documentId: number, version: number): Promise<Response | null> {
  const storage = cacheStorage();
  if (!storage) return null;
  const found = await storage.match(absolute(documentFileUrl(documentId, version)), { cacheName: DOCUMENT_CACHE, ignoreVary: true });
  return found ?? null;
}

/** Drops the stored versions of these documents other than the ones kept. */
export async function dropOtherVersions(keep: { documentId: number; version: number }[]): Promise<void> {
  const storage = cacheStorage();
  if (!storage || !(await storage.has(DOCUMENT_CACHE))) return;
  const current = new Map(keep.map((item) => [item.documentId, item.version]));
  const cache = await storage.open(DOCUMENT_CACHE);
  for (const request of await cache.keys()) {
    const match = /\/api\/v1\/documents\/(\d+)\/file\?version=(\d+)$/.exec(request.url);
    if (!match) continue;
    const wanted = current.get(Number(match[1]));
    if (wanted !== undefined && wanted !== Number(match[2])) await cache.delete(request);
  }
}

/** On logout: no document stays on the device. */
export async function forgetDocuments(): Promise<void> {
  await cacheStorage()?.delete(DOCUMENT_CACHE);
}
