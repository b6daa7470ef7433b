// PDF.js set up for Kỳ Họp: the worker bundled by Vite, the data files served from /pdfjs/
// (see vite.pdfjs-assets.ts), and loading by Range requests so the first page shows before the
// whole file has arrived.
import { getDocument, GlobalWorkerOptions, type PDFDocumentLoadingTask } from "pdfjs-dist";
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

GlobalWorkerOptions.workerSrc = workerUrl;

const ASSETS = "/pdfjs/";
/** Bytes per Range request: one page of a typical council document in one or two requests. */
const RANGE_CHUNK = 256 * 1024;

export function openPdf(url: string, token: string | null): PDFDocumentLoadingTask {
  return getDocument({
    url,
    httpHeaders: token ? { Authorization: `Bearer ${token}` } : undefined,
    // Range requests only: no streaming of the whole file, no background download of the rest.
    disableStream: true,
    disableAutoFetch: true,
    rangeChunkSize: RANGE_CHUNK,
    cMapUrl: `${ASSETS}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${ASSETS}standard_fonts/`,
    wasmUrl: `${ASSETS}wasm/`,
    iccUrl: `${ASSETS}iccs/`,
  });
}
