// Where the reader reads a document version from:
// - stored on the tablet (the offline package): its API file URL, which the service worker
//   answers from the document store (Range included); without a controlling service worker (the
//   development server, a first visit) the stored Blob itself;
// - otherwise a signed link (GET /documents/{id}/link?version=n → /files/…?e=&s=): its Range
//   reads carry no token and are checked by the signature alone (by nginx in production), and a
//   link refused as expired is asked for again. Links are kept for reuse while they are valid, so
//   reopening a document costs no link request and its ranges can come from the HTTP cache.
// The service worker's store is keyed by the API file URL; links are only used for versions it
// does not hold, so the two never meet.
import { api, call } from "../api/client";
import { requestHeaders } from "../api/http";
import type { DocumentInfo } from "../api/types";
import { readToken } from "../auth/tokenStore";
import { storedDocument } from "../offline/documentStore";
import { documentFileUrl } from "../offline/urls";
import { blobSource, httpSource, type ByteSource, type Location } from "../pdf/byteSource";

/** What the reader needs to open one version without asking the server first. */
export interface OpenTarget {
  version: number;
  /** The file's length, when it is known to be the one the reader will get. */
  length: number | null;
}

/**
 * The version to open and its length, from a document as the meeting state or the server lists it.
 * A confidential document is read as the reader's own watermarked copy, whose length differs from
 * the original's `size`: it is then learnt from the first range.
 */
export function targetOf(document: Pick<DocumentInfo, "version" | "size" | "confidential">): OpenTarget {
  return { version: document.version, length: document.confidential ? null : document.size };
}

/**
 * The document to open: the live meeting state's once it comes from the server in this session
 * (`confirmed`: a state restored from the tablet may be a version behind), else the server's
 * answer to GET /documents/{id}, else — that request failed, the tablet is offline — the state the
 * tablet last knew.
 */
export function documentToOpen<T>(live: T | undefined, confirmed: boolean, detail: T | null, detailFailed: boolean): T | null {
  if (live && confirmed) return live;
  if (detail) return detail;
  if (live && detailFailed) return live;
  return null;
}

interface KeptLink {
  location: Location;
  /** Local clock, ms: reused until a minute before the server's expiry. */
  until: number;
}

const REUSE_MARGIN_MS = 60_000;
const links = new Map<string, KeptLink>();

export type FetchLink = (documentId: number, version: number) => Promise<{ url: string; expires_at: string }>;

const fetchLink: FetchLink = (documentId, version) =>
  call(api.GET("/api/v1/documents/{document_id}/link", { params: { path: { document_id: documentId }, query: { version } } }));

/**
 * The signed link of a version: a kept one while valid, else (or when `renew`) a new one. Links
 * are kept per token: a confidential document's link names that reader's watermarked copy.
 */
export async function signedLocation(documentId: number, version: number, renew: boolean, ask: FetchLink = fetchLink, now = Date.now): Promise<Location> {
  const key = `${readToken() ?? ""} ${documentId}:${version}`;
  const kept = links.get(key);
  if (kept && !renew && now() < kept.until) return kept.location;
  const link = await ask(documentId, version);
  const location = { url: link.url, headers: {} };
  const expires = Date.parse(link.expires_at);
  links.set(key, { location, until: Number.isFinite(expires) ? expires - REUSE_MARGIN_MS : 0 });
  return location;
}

async function stored(documentId: number, version: number): Promise<Response | null> {
  try {
    return await storedDocument(documentId, version);
  } catch {
    return null;
  }
}

export async function documentSource(documentId: number, target: OpenTarget): Promise<ByteSource> {
  const copy = await stored(documentId, target.version);
  if (copy) {
    if (!globalThis.navigator?.serviceWorker?.controller) return blobSource(await copy.blob());
    const length = Number(copy.headers.get("Content-Length"));
    const location: Location = { url: documentFileUrl(documentId, target.version), headers: requestHeaders() };
    return httpSource({ locate: () => Promise.resolve(location), length: length > 0 ? length : null });
  }
  return httpSource({
    locate: (renew) => signedLocation(documentId, target.version, renew),
    length: target.length,
  });
}
