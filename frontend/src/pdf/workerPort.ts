// PDF.js's worker (1.3 MB) started ahead of the reader: when a deputy's meeting screen or a
// reader shows, its script downloads and compiles off the main thread, so opening a document
// does not wait for it. Only the URL is in the main bundle; PDF.js itself comes with the reader,
// which hands this Worker to PDF.js as its port (pdfjs.ts).
import workerUrl from "pdfjs-dist/build/pdf.worker.min.mjs?url";

export const PDF_WORKER_URL = workerUrl;

let started: Promise<Worker | null> | null = null;

/**
 * Starts the worker once; resolves when its script runs (PDF.js's worker says "ready" at once),
 * or null where it cannot (no module workers, the script did not load): PDF.js then sets up its
 * own worker, or works without one.
 */
export function startPdfWorker(): Promise<Worker | null> {
  started ??= new Promise((resolve) => {
    if (typeof Worker === "undefined") return resolve(null);
    let worker: Worker;
    try {
      worker = new Worker(workerUrl, { type: "module", name: "pdfjs" });
    } catch {
      return resolve(null);
    }
    const settle = (ready: boolean) => {
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      if (!ready) worker.terminate();
      resolve(ready ? worker : null);
    };
    const onMessage = () => settle(true);
    const onError = () => settle(false);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
  });
  return started;
}
