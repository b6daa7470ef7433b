// Where the reader's PDF bytes come from, read by ranges: a file kept on the tablet (a Blob) or
// a URL read with `Range` requests (the API's file URL, answered by the service worker when the
// version is stored, or a signed link). PDF.js reads either through one range transport
// (pdfjs.ts): it never sends a whole-file GET, and the first page needs only the ranges it uses.
// No PDF.js here, so this is tested without a browser.
import { ApiError, networkError } from "../api/errors";
import { errorFromResponse, isAbortError, offlineMessage } from "../api/http";

export interface ByteRange {
  bytes: Uint8Array;
  /** The file's whole length as the answer told it (Content-Range), or null if it did not. */
  total: number | null;
}

export interface ByteSource {
  /** The file's length when known before reading anything (else learnt from the first read). */
  readonly length: number | null;
  /** Bytes [begin, end) (fewer at the end of the file). */
  read(begin: number, end: number, signal?: AbortSignal): Promise<ByteRange>;
}

/** A file kept on the tablet: a Blob reads its slices lazily, the file is never read whole. */
export function blobSource(file: Blob): ByteSource {
  return {
    length: file.size,
    async read(begin, end) {
      return { bytes: new Uint8Array(await file.slice(begin, end).arrayBuffer()), total: file.size };
    },
  };
}

/** Where to read: a URL and the headers it needs (a signed link needs none). */
export interface Location {
  url: string;
  headers: Record<string, string>;
}

export interface HttpSourceOptions {
  /**
   * The location to read from; called at once when the source is made, and again with `renew`
   * after the server refused it (403: a signed link expired, or nginx does not know its secret).
   */
  locate: (renew: boolean) => Promise<Location>;
  /** The length when the caller knows it (the live meeting state says the file's size). */
  length?: number | null;
  /** Waits before retrying a read that got no answer (network gone for a moment). */
  retryDelaysMs?: readonly number[];
  fetch?: typeof fetch;
}

const RETRY_DELAYS_MS = [300, 1_000];

/** "bytes 0-262143/51700000" → {begin, end (exclusive), total}; null for anything else. */
export function parseContentRange(header: string | null): { begin: number; end: number; total: number | null } | null {
  const match = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header ?? "");
  if (!match) return null;
  const total = match[3] === "*" ? null : Number(match[3]);
  return { begin: Number(match[1]), end: Number(match[2]) + 1, total };
}


/** Why `signal` was aborted, as an Error: its reason (an AbortError unless abort() was given one). */
function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException("The operation was aborted.", "AbortError");
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(abortReason(signal))), { once: true });
  });
}


/**
 * A URL read by `Range` requests only. A server that ignores `Range` (200 with the whole file) is
 * still read correctly: the whole answer is kept and later reads are cut from it.
 */
export function httpSource(options: HttpSourceOptions): ByteSource {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let location: Promise<Location> | null = null;
  let whole: Uint8Array | null = null;

  function current(): Promise<Location> {
    if (!location) {
      location = options.locate(false);
      location.catch(() => undefined); // a failure is met by the read that awaits it
    }
    return location;
  }

  /** A fresh link, asked for once however many reads were refused the old one at the same time. */
  function renew(refused: Promise<Location>): void {
    if (location !== refused) return;
    location = options.locate(true);
    location.catch(() => undefined);
  }

  async function readOnce(where: Location, begin: number, end: number, signal?: AbortSignal): Promise<ByteRange | ApiError> {
    const headers = { ...where.headers, Range: `bytes=${begin}-${end - 1}` };
    const response = await doFetch(where.url, { headers, signal });
    if (response.status === 206) {
      const range = parseContentRange(response.headers.get("Content-Range"));
      if (range && range.begin !== begin) return new ApiError(502, "bad_range", `Range ${begin}- answered from ${range.begin}`);
      return { bytes: new Uint8Array(await response.arrayBuffer()), total: range?.total ?? null };
    }
    if (response.status === 200) {
      whole = new Uint8Array(await response.arrayBuffer());
      return { bytes: whole.subarray(begin, end), total: whole.length };
    }
    return errorFromResponse(response);
  }

  /** The location asked for; if asking failed, the next read asks again. */
  async function located(pending: Promise<Location>): Promise<Location> {
    try {
      return await pending;
    } catch (error) {
      if (location === pending) location = null;
      throw error;
    }
  }

  void current(); // the location is asked for at once, while PDF.js gets ready

  return {
    length: options.length ?? null,
    async read(begin, end, signal) {
      let renewed = false;
      let failures = 0;
      for (;;) {
        if (whole) return { bytes: whole.subarray(begin, end), total: whole.length };
        const pending = current();
        let answer: ByteRange | ApiError;
        try {
          answer = await readOnce(await located(pending), begin, end, signal);
        } catch (error) {
          if (signal?.aborted || isAbortError(error)) throw error;
          if (error instanceof ApiError && !error.isNetwork) throw error;
          // No answer: the network went for a moment, or the server restarted. Try again soon.
          const delay = delays[failures];
          failures += 1;
          if (delay === undefined) throw error instanceof ApiError ? error : networkError(offlineMessage());
          await wait(delay, signal);
          continue;
        }
        if (!(answer instanceof ApiError)) return answer;
        // A link refused (expired, or signed with another secret): the app answers 403
        // file_link_expired / file_link_invalid, nginx a bare 403. One new link, then give up.
        if (answer.status === 403 && !renewed) {
          renewed = true;
          renew(pending);
          continue;
        }
        throw answer;
      }
    },
  };
}

/**
 * The first and the last chunk of a file as PDF.js asks for them (chunks of `chunk` bytes from
 * the start): the header and the trailer with the cross-reference table, which it reads one
 * after the other before anything else.
 */
export function edgeChunks(length: number, chunk: number): Array<[number, number]> {
  if (length <= 0) return [];
  const first: [number, number] = [0, Math.min(chunk, length)];
  const lastStart = Math.floor((length - 1) / chunk) * chunk;
  return lastStart > 0 ? [first, [lastStart, length]] : [first];
}

interface Prefetched {
  begin: number;
  end: number;
  bytes: Promise<Uint8Array>;
}

function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

/**
 * Reads these ranges at once, in parallel (while PDF.js's worker gets ready), and answers the
 * reads that cover them from what came: PDF.js would otherwise ask for the header, wait, then
 * ask for the trailer. A read that covers a prefetched range reads only the rest of it.
 */
export function prefetching(source: ByteSource, length: number, ranges: Array<[number, number]>, signal?: AbortSignal): ByteSource {
  const waiting: Prefetched[] = ranges.map(([begin, end]) => {
    const bytes = source.read(begin, end, signal).then((range) => range.bytes);
    bytes.catch(() => undefined); // a failed prefetch is read again when asked for
    return { begin, end, bytes };
  });

  async function piece(begin: number, end: number): Promise<Uint8Array> {
    return (await source.read(begin, end, signal)).bytes;
  }

  return {
    length,
    async read(begin, end, readSignal) {
      const index = waiting.findIndex((item) => item.begin >= begin && item.end <= end);
      if (index === -1) return source.read(begin, end, readSignal);
      const [hit] = waiting.splice(index, 1) as [Prefetched];
      const parts = await Promise.all([
        ...(hit.begin > begin ? [piece(begin, hit.begin)] : []),
        hit.bytes.catch(() => piece(hit.begin, hit.end)),
        ...(hit.end < end ? [piece(hit.end, end)] : []),
      ]);
      return { bytes: concat(parts), total: length };
    },
  };
}
