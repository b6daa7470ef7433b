// Opens one version of a document with PDF.js (over Range requests) and closes it when the
// version changes or the reader goes away. A version stored on the tablet is normally served
// by the service worker under the same URL; when no service worker controls the page (the
// development server, a first visit), the stored copy is opened directly.
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useState } from "react";
import { storedDocument } from "../offline/documentStore";
import { documentFileUrl } from "../offline/urls";
import { openPdf, openStoredPdf } from "../pdf/pdfjs";

export interface PdfLoad {
  pdf: PDFDocumentProxy | null;
  error: unknown;
}

async function storedCopyWithoutWorker(documentId: number, version: number): Promise<Blob | null> {
  if (globalThis.navigator?.serviceWorker?.controller) return null;
  try {
    const stored = await storedDocument(documentId, version);
    return stored ? await stored.blob() : null;
  } catch {
    return null;
  }
}

export function usePdfDocument(documentId: number, version: number | null, token: string | null): PdfLoad {
  const [load, setLoad] = useState<PdfLoad>({ pdf: null, error: null });
  useEffect(() => {
    if (version === null) return;
    setLoad({ pdf: null, error: null });
    let cancelled = false;
    let task: PDFDocumentLoadingTask | null = null;
    void storedCopyWithoutWorker(documentId, version).then((stored) => {
      if (cancelled) return;
      task = stored ? openStoredPdf(stored) : openPdf(documentFileUrl(documentId, version), token);
      task.promise.then(
        (pdf) => !cancelled && setLoad({ pdf, error: null }),
        (error: unknown) => !cancelled && setLoad({ pdf: null, error }),
      );
    });
    return () => {
      cancelled = true;
      void task?.destroy();
    };
  }, [documentId, version, token]);
  return load;
}
