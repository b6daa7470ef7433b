// PDF.js set up for Kỳ Họp: one worker for the whole app (started early, see workerPort.ts), the
// data files served from /pdfjs/ (see vite.pdfjs-assets.ts), and documents read through one range
// transport over a ByteSource (byteSource.ts): Range requests from the first byte on — no
// whole-file GET to learn the length — so the first page shows after the few ranges it needs.
import { getDocument, GlobalWorkerOptions, PDFDataRangeTransport, PDFWorker, type PDFDocumentLoadingTask } from "pdfjs-dist";
import { edgeChunks, prefetching, type ByteSource } from "./byteSource";
import { PDF_WORKER_URL, startPdfWorker } from "./workerPort";

// Used only if the early Worker could not be made (PDF.js then makes its own, or works without).
GlobalWorkerOptions.workerSrc = PDF_WORKER_URL;

const ASSETS = "/pdfjs/";
/** Bytes per Range request: one page of a typical council document in one or two requests. */
export const RANGE_CHUNK = 256 * 1024;

const COMMON = {
  // Only the ranges PDF.js asks for: no background download of the rest.
  disableStream: true,
  disableAutoFetch: true,
  rangeChunkSize: RANGE_CHUNK,
  cMapUrl: `${ASSETS}cmaps/`,
  cMapPacked: true,
  standardFontDataUrl: `${ASSETS}standard_fonts/`,
  wasmUrl: `${ASSETS}wasm/`,
  iccUrl: `${ASSETS}iccs/`,
};

let shared: Promise<PDFWorker> | null = null;

/**
 * The app's one PDF.js worker, on the Worker started early (workerPort.ts) when it runs. Given to
 * every document, so closing a document never ends it and the next one opens without starting
 * a worker again.
 */
export function pdfWorker(): Promise<PDFWorker> {
  shared ??= startPdfWorker().then((port) => PDFWorker.create({ name: "kyhop", port: port ?? undefined }));
  return shared;
}

/** Ranges as PDF.js asks for them, read from the source; a read that fails for good ends the load. */
class SourceTransport extends PDFDataRangeTransport {
  constructor(
    private readonly source: ByteSource,
    length: number,
    initialData: Uint8Array | null,
    private readonly signal: AbortSignal,
    private readonly onFailure: (error: unknown) => void,
  ) {
    super(length, initialData);
  }

  private closed = false;

  override requestDataRange(begin: number, end: number): void {
    this.source.read(begin, end, this.signal).then(
      ({ bytes }) => this.open() && this.onDataRange(begin, bytes),
      (error: unknown) => this.open() && this.onFailure(error),
    );
  }

  /** PDF.js is done with the document (closed, or failed): later answers are dropped. */
  override abort(): void {
    this.closed = true;
  }

  private open(): boolean {
    return !this.closed && !this.signal.aborted;
  }
}

export interface OpenOptions {
  /** Aborting it stops the reads in flight (the reader closes the document). */
  signal: AbortSignal;
  /** A range could not be read (PDF.js itself would wait for it forever). */
  onFailure: (error: unknown) => void;
}

/**
 * Opens a document from a byte source. With its length known, its first and last chunks are read
 * at once, while the worker gets ready; otherwise the first chunk is read first (its
 * Content-Range tells the length), then the last.
 */
export async function openPdf(source: ByteSource, { signal, onFailure }: OpenOptions): Promise<PDFDocumentLoadingTask> {
  const [worker, start] = await Promise.all([pdfWorker(), startOf(source, signal)]);
  const range = new SourceTransport(start.reader, start.length, start.initialData, signal, onFailure);
  return getDocument({ ...COMMON, range, worker });
}

async function startOf(source: ByteSource, signal: AbortSignal): Promise<{ reader: ByteSource; length: number; initialData: Uint8Array | null }> {
  if (source.length !== null) {
    return { reader: prefetching(source, source.length, edgeChunks(source.length, RANGE_CHUNK), signal), length: source.length, initialData: null };
  }
  const first = await source.read(0, RANGE_CHUNK, signal);
  if (first.total === null && first.bytes.length >= RANGE_CHUNK) throw new Error("The server did not tell the file's length");
  const length = first.total ?? first.bytes.length;
  const rest = edgeChunks(length, RANGE_CHUNK).filter(([begin]) => begin >= first.bytes.length);
  return { reader: prefetching(source, length, rest, signal), length, initialData: first.bytes };
}
