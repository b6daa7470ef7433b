// What every request carries: the Bearer token and the language the server should answer
// errors in. Also a small JSON request helper for endpoints the generated schema does not list
// yet (the voting API is being written against API.md).
import { readLanguage } from "../i18n/language";
import { readToken, saveToken } from "../auth/tokenStore";
import { type ApiError, apiErrorFrom, networkError } from "./errors";

export function requestHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = { "Accept-Language": readLanguage(), ...extra };
  const token = readToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

/** A 401 means the token is gone (expired, revoked from another device): log out here too. */
export function noticeUnauthenticated(status: number): void {
  if (status === 401 && readToken()) saveToken(null);
}

async function parseBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export interface JsonRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export async function requestJson<T>(request: JsonRequest): Promise<T> {
  const headers = requestHeaders(request.headers);
  if (request.body !== undefined) headers["Content-Type"] = "application/json";
  let response: Response;
  try {
    response = await fetch(request.path, {
      method: request.method,
      headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
  } catch {
    throw networkError(offlineMessage());
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await parseBody(response)) as T;
}

/** The contract's error of a failed answer (and a logout on 401). */
export async function errorFromResponse(response: Response): Promise<ApiError> {
  noticeUnauthenticated(response.status);
  return apiErrorFrom(response.status, await parseBody(response), `HTTP ${response.status}`);
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}

export function offlineMessage(): string {
  return readLanguage() === "en"
    ? "No connection to the server. Please try again."
    : "Không kết nối được máy chủ. Vui lòng thử lại.";
}
