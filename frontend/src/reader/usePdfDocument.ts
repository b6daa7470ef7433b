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

/** What opening gave, and for which opening (document, version, length, token, round). */
interface Outcome {
  key: string;
  pdf: PDFDocumentProxy | null;
  error: unknown;
}

export function usePdfDocument(documentId: number, target: OpenTarget | null, token: string | null): PdfLoad {
  const [round, setRound] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const version = target?.version ?? null;
  const length = target?.length ?? null;
  const key = JSON.stringify([documentId, version, length, token, round]);

  useEffect(() => {
    if (version === null) return;
    const closing = new AbortController();
    let task: PDFDocumentLoadingTask | null = null;
    const fail = (error: unknown) => {
      if (closing.signal.aborted) return;
      closing.abort();
      void task?.destroy();
      setOutcome({ key, pdf: null, error });
    };
    (async () => {
      const source = await documentSource(documentId, { version, length });
      if (closing.signal.aborted) return;
      const opened = await openPdf(source, { signal: closing.signal, onFailure: fail });
      if (closing.signal.aborted) return void opened.destroy();
      task = opened;
      const pdf = await opened.promise;
      if (!closing.signal.aborted) setOutcome({ key, pdf, error: null });
    })().catch(fail);
    return () => {
      closing.abort();
      void task?.destroy();
    };
  }, [key, documentId, version, length]);

  const retry = useCallback(() => setRound((value) => value + 1), []);
  // Until this opening has given something, nothing is shown: an earlier document is closed.
  const current = outcome?.key === key ? outcome : null;
  return { pdf: current?.pdf ?? null, error: current?.error ?? null, retry };
}
