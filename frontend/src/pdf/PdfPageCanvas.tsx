// One PDF page drawn on a canvas at a given CSS scale, sharp on high-density screens.
import { RenderingCancelledException, type PDFDocumentProxy, type RenderTask } from "pdfjs-dist";
import { useEffect, useEffectEvent, useRef, useState } from "react";

interface PdfPageCanvasProps {
  pdf: PDFDocumentProxy;
  pageNumber: number;
  /** CSS pixels per PDF point. */
  scale: number;
  className?: string;
  onRendered?: () => void;
}

export function PdfPageCanvas({ pdf, pageNumber, scale, className, onRendered }: PdfPageCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  // The drawing that failed, if any: a new page, scale or document is drawn afresh.
  const [failure, setFailure] = useState<{ pdf: PDFDocumentProxy; pageNumber: number; scale: number } | null>(null);
  const failed = failure !== null && failure.pdf === pdf && failure.pageNumber === pageNumber && failure.scale === scale;
  // onRendered is a notification only: a new callback does not draw the page again.
  const rendered = useEffectEvent(() => onRendered?.());

  useEffect(() => {
    let task: RenderTask | null = null;
    let cancelled = false;
    canvasRef.current?.removeAttribute("data-rendered"); // set once the page is drawn (tests, bench)
    (async () => {
      const page = await pdf.getPage(pageNumber);
      const canvas = canvasRef.current;
      if (cancelled || !canvas) return;
      const density = Math.min(window.devicePixelRatio || 1, 3);
      const viewport = page.getViewport({ scale: scale * density });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.width = `${Math.floor(viewport.width / density)}px`;
      canvas.style.height = `${Math.floor(viewport.height / density)}px`;
      task = page.render({ canvas, viewport });
      await task.promise;
      if (cancelled) return;
      canvas.setAttribute("data-rendered", String(pageNumber));
      rendered();
    })().catch((error: unknown) => {
      if (!cancelled && !(error instanceof RenderingCancelledException)) setFailure({ pdf, pageNumber, scale });
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, pageNumber, scale]);

  return <canvas ref={canvasRef} className={`${className ?? ""}${failed ? " pdf-canvas--failed" : ""}`} data-page={pageNumber} />;
}
