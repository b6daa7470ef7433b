// PDF.js set up for Kỳ Họp: the worker bundled by Vite, the data files served from /pdfjs/
// (see vite.pdfjs-assets.ts), and loading by Range requests so the first page shows before the
// whole file has arrived.
import { getDocument, GlobalWorkerOptions, PDFDataRangeTransport, type PDFDocumentLoadingTask } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

GlobalWorkerOptions.workerSrc = workerUrl;

const ASSETS = "/pdfjs/";
/** Bytes per Range request: one page of a typical council document in one or two requests. */
const RANGE_CHUNK = 256 * 1024;

const COMMON = {
  // Range requests only: no streaming of the whole file, no background download of the rest.
  disableStream: true,
  disableAutoFetch: true,
  rangeChunkSize: RANGE_CHUNK,
  cMapUrl: `${ASSETS}cmaps/`,
  cMapPacked: true,
  standardFontDataUrl: `${ASSETS}standard_fonts/`,
  wasmUrl: `${ASSETS}wasm/`,
  iccUrl: `${ASSETS}iccs/`,
};

export function openPdf(url: string, token: string | null): PDFDocumentLoadingTask {
  return getDocument({ ...COMMON, url, httpHeaders: token ? { Authorization: `Bearer ${token}` } : undefined });
}

/** Ranges read from a file kept on the tablet, as PDF.js asks for them (a Blob reads lazily). */
class BlobRangeTransport extends PDFDataRangeTransport {
  constructor(private readonly file: Blob) {
    super(file.size, null);
  }

  override requestDataRange(begin: number, end: number): void {
    this.file
      .slice(begin, end)
      .arrayBuffer()
      .then((buffer) => this.onDataRange(begin, new Uint8Array(buffer)), () => this.abort());
  }
}

/** Opens a stored copy directly: used when no service worker answers for the document store. */
export function openStoredPdf(file: Blob): PDFDocumentLoadingTask {
  return getDocument({ ...COMMON, range: new BlobRangeTransport(file) });
}
