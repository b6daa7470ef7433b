// Uploads with progress (documents, new versions, member lists): fetch() cannot report upload
// progress, XMLHttpRequest can.
// Each upload carries its own Idempotency-Key, so retrying a file whose answer was lost does not
// store it twice.
import { apiErrorFrom, networkError, ApiError } from "./errors";
import { noticeUnauthenticated, offlineMessage, requestHeaders } from "./http";
import type { DocumentInfo, DocumentKind } from "./types";

export interface UploadFields {
  title?: string;
  kind?: DocumentKind;
  agendaItemId?: number | null;
  confidential?: boolean;
}

export interface UploadHandle<T = DocumentInfo> {
  done: Promise<T>;
  abort: () => void;
}

export function uploadFormData(file: Blob, filename: string, fields: UploadFields): FormData {
  const form = new FormData();
  if (fields.title) form.append("title", fields.title);
  if (fields.kind) form.append("kind", fields.kind);
  if (fields.agendaItemId != null) form.append("agenda_item_id", String(fields.agendaItemId));
  if (fields.confidential !== undefined) form.append("confidential", fields.confidential ? "true" : "false");
  form.append("file", file, filename);
  return form;
}

/** POSTs a multipart form; onProgress gets the fraction (0..1) of the body sent. */
export function uploadWithProgress<T = DocumentInfo>(
  path: string,
  form: FormData,
  idempotencyKey: string,
  onProgress: (fraction: number) => void,
): UploadHandle<T> {
  const request = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    request.open("POST", path);
    for (const [name, value] of Object.entries(requestHeaders({ "Idempotency-Key": idempotencyKey }))) {
      request.setRequestHeader(name, value);
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        if (request.responseText) body = JSON.parse(request.responseText);
      } catch {
        // not JSON: no body
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(body as T);
      } else {
        noticeUnauthenticated(request.status);
        reject(apiErrorFrom(request.status, body, `HTTP ${request.status}`));
      }
    };
    request.onerror = () => reject(networkError(offlineMessage()));
    request.onabort = () => reject(new ApiError(0, "aborted", "aborted"));
    request.send(form);
  });
  return { done, abort: () => request.abort() };
}

/** A new Idempotency-Key for one upload (kept for its retries). */
export function newUploadKey(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
