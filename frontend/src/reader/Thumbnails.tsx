// Page thumbnails, drawn only when they scroll into view (a 300-page document stays fast).
import type { PDFDocumentProxy } from "pdfjs-dist";
import { useEffect, useRef, useState } from "react";
import { PdfPageCanvas } from "../pdf/PdfPageCanvas";

const THUMBNAIL_SCALE = 0.2;

function Thumbnail({ pdf, page, active, hasNote, onOpen }: { pdf: PDFDocumentProxy; page: number; active: boolean; hasNote: boolean; onOpen: (page: number) => void }) {
  const ref = useRef<HTMLButtonElement | null>(null);
  const [visible, setVisible] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setVisible(true);
    }, { rootMargin: "200px" });
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  useEffect(() => {
    if (active) ref.current?.scrollIntoView?.({ block: "nearest" });
  }, [active]);

  return (
    <button ref={ref} type="button" className={`thumbnail${active ? " thumbnail--active" : ""}`} onClick={() => onOpen(page)} aria-current={active ? "page" : undefined}>
      <span className="thumbnail__frame">{visible && <PdfPageCanvas pdf={pdf} pageNumber={page} scale={THUMBNAIL_SCALE} />}</span>
      <span className="thumbnail__number">
        {page}
        {hasNote ? " ✎" : ""}
      </span>
    </button>
  );
}

export function Thumbnails({ pdf, current, notedPages, onOpen }: { pdf: PDFDocumentProxy; current: number; notedPages: number[]; onOpen: (page: number) => void }) {
  const pages = Array.from({ length: pdf.numPages }, (_, index) => index + 1);
  return (
    <nav className="thumbnails">
      {pages.map((page) => (
        <Thumbnail key={page} pdf={pdf} page={page} active={page === current} hasNote={notedPages.includes(page)} onOpen={onOpen} />
      ))}
    </nav>
  );
}
