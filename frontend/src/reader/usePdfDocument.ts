// Opens a PDF with PDF.js (over Range requests) and closes it when the URL changes or the
// reader goes away.
import type { PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useState } from "react";
import { openPdf } from "../pdf/pdfjs";

export interface PdfLoad {
  pdf: PDFDocumentProxy | null;
  error: unknown;
}

export function usePdfDocument(url: string | null, token: string | null): PdfLoad {
  const [load, setLoad] = useState<PdfLoad>({ pdf: null, error: null });
  useEffect(() => {
    if (!url) return;
    setLoad({ pdf: null, error: null });
    const task = openPdf(url, token);
    let cancelled = false;
    task.promise.then(
      (pdf) => !cancelled && setLoad({ pdf, error: null }),
      (error: unknown) => !cancelled && setLoad({ pdf: null, error }),
    );
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [url, token]);
  return load;
}
