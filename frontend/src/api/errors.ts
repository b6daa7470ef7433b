// The server answers every error as {"error": {"code", "message", "details"}} (API.md
// "Conventions"); `message` is already in the user's language. ApiError carries it to the screens.

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details: unknown = null) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** No answer at all: offline, DNS, connection reset. The outcome of a write is unknown. */
  get isNetwork(): boolean {
    return this.status === 0;
  }

  /** The request may have been carried out (or not): safe to retry only with the same key. */
  get outcomeUnknown(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

export const NETWORK_ERROR_CODE = "network";

interface ErrorEnvelope {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

/** Builds an ApiError from a parsed response body of any shape (also HTML from a proxy). */
export function apiErrorFrom(status: number, body: unknown, fallbackMessage: string): ApiError {
  const error = (body as ErrorEnvelope | null)?.error;
  if (error && typeof error === "object") {
    const code = typeof error.code === "string" ? error.code : `http_${status}`;
    const message = typeof error.message === "string" && error.message ? error.message : fallbackMessage;
    return new ApiError(status, code, message, error.details ?? null);
  }
  return new ApiError(status, `http_${status}`, fallbackMessage);
}

export function networkError(message: string): ApiError {
  return new ApiError(0, NETWORK_ERROR_CODE, message);
}

/** A message for any thrown value, for showing to the user. */
export function messageOf(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}
