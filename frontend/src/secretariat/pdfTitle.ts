// The Title a PDF carries in its metadata, read on the tablet before upload with PDF.js
// (files up to 30 MB: the whole file is read). Null when it has none or cannot be read.
import { getDocument } from "pdfjs-dist";
import { pdfWorker } from "../pdf/pdfjs";

const MAX_BYTES = 30 * 1024 * 1024;

export async function readPdfTitle(file: File): Promise<string | null> {
  if (file.size > MAX_BYTES) return null;
  try {
    const task = getDocument({ data: new Uint8Array(await file.arrayBuffer()), worker: await pdfWorker() });
    const pdf = await task.promise;
    try {
      const { info } = (await pdf.getMetadata()) as { info?: { Title?: unknown } };
      return usableTitle(info?.Title);
    } finally {
      void task.destroy();
    }
  } catch {
    return null;
  }
}

/** A title worth showing: a non-empty string that is not a placeholder like "untitled". */
export function usableTitle(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const title = value.trim();
  return title && !/^(untitled|microsoft word - .*)$/i.test(title) ? title : null;
}
