// Where the offline copies live, shared by the page (which stores them) and the service worker
// (which answers the reader's Range requests from them).

/** Cache Storage cache holding the downloaded PDFs, one entry per document version. */
export const DOCUMENT_CACHE = "kyhop-documents";

/** A version's file: its URL never changes and its bytes never change (cached for a year). */
export function documentFileUrl(documentId: number, version: number): string {
  return `/api/v1/documents/${documentId}/file?version=${version}`;
}

/** Does this request ask for one fixed version of a document file (the only URLs kept offline)? */
export function isDocumentVersionUrl(url: URL): boolean {
  return /^\/api\/v1\/documents\/\d+\/file$/.test(url.pathname) && /^[1-9]\d*$/.test(url.searchParams.get("version") ?? "");
}
