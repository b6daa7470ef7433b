// The typed client for every endpoint of the server's OpenAPI schema (openapi-fetch over the
// generated src/api/schema.d.ts). `call` turns an error answer into a thrown ApiError.
import createClient, { type Middleware } from "openapi-fetch";
import { ApiError, apiErrorFrom, networkError } from "./errors";
import { noticeUnauthenticated, offlineMessage, requestHeaders } from "./http";
import type { paths } from "./schema";

const authAndLanguage: Middleware = {
  onRequest({ request }) {
    for (const [name, value] of Object.entries(requestHeaders())) {
      if (!request.headers.has(name)) request.headers.set(name, value);
    }
    return request;
  },
  onResponse({ response }) {
    noticeUnauthenticated(response.status);
    return response;
  },
  onError() {
    return networkError(offlineMessage());
  },
};

export const api = createClient<paths>({ baseUrl: "" });
api.use(authAndLanguage);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws ApiError. */
export async function call<T>(pending: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await pending;
  } catch (error) {
    throw error instanceof ApiError ? error : networkError(offlineMessage());
  }
  if (result.error !== undefined || !result.response.ok) {
    throw apiErrorFrom(result.response.status, result.error, `HTTP ${result.response.status}`);
  }
  return result.data as T;
}
