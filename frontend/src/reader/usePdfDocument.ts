// Opens one version of a document with PDF.js (Range reads only, see documentSource.ts) and
// closes it when the version changes or the reader goes away.
import type { PDFDocumentLoadingTask, PDFDocumentProxy } from "pdfjs-dist";
import { useCallback, useEffect, useState } from "react";
import { openPdf } from "../pdf/pdfjs";
import { documentSource, type OpenTarget } from "./documentSource";

export interface PdfLoad {
  pdf: PDFDocumentProxy | null;
  error: unknown;
  /** Opens the version again (after an error). */
  retry: () => void;
}

export function usePdfDocument(documentId: number, target: OpenTarget | null, token: string | null): PdfLoad {
  const [load, setLoad] = useState<{ pdf: PDFDocumentProxy | null; error: unknown }>({ pdf: null, error: null });
  const [round, setRound] = useState(0);
  const version = target?.version ?? null;
  const length = target?.length ?? null;

  useEffect(() => {
    if (version === null) return;
    setLoad({ pdf: null, error: null });
    const closing = new AbortController();
    let task: PDFDocumentLoadingTask | null = null;
    const fail = (error: unknown) => {
      if (closing.signal.aborted) return;
      closing.abort();
      void task?.destroy();
      setLoad({ pdf: null, error });
    };
    (async () => {
      const source = await documentSource(documentId, { version, length });
      if (closing.signal.aborted) return;
      const opened = await openPdf(source, { signal: closing.signal, onFailure: fail });
      if (closing.signal.aborted) return void opened.destroy();
      task = opened;
      const pdf = await opened.promise;
      if (!closing.signal.aborted) setLoad({ pdf, error: null });
    })().catch(fail);
    return () => {
      closing.abort();
      void task?.destroy();
    };
  }, [documentId, version, length, token, round]);

  const retry = useCallback(() => setRound((value) => value + 1), []);
  return { ...load, retry };
}
