import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { blobSource, edgeChunks, httpSource, parseContentRange, prefetching, type ByteSource, type Location } from "./byteSource";

const FILE = Uint8Array.from({ length: 1000 }, (_, index) => index % 251);

interface Seen {
  url: string;
  headers: Record<string, string>;
}

/** A server holding FILE: answers Range requests with 206 (or 200 if told to ignore them). */
function server(options: { ignoreRange?: boolean; refuse?: (url: string) => Response | null; fail?: number } = {}) {
  const seen: Seen[] = [];
  let failures = options.fail ?? 0;
  /** The server's answer; null when none comes (the network is down). */
  const answer = (input: RequestInfo | URL, init?: RequestInit): Response | null => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = { ...(init?.headers as Record<string, string>) };
    seen.push({ url, headers });
    if (failures > 0) {
      failures -= 1;
      return null;
    }
    const refused = options.refuse?.(url);
    if (refused) return refused;
    if (options.ignoreRange) return new Response(FILE.slice(), { status: 200 });
    const match = /^bytes=(\d+)-(\d+)$/.exec(headers.Range ?? "");
    if (!match) return new Response(FILE.slice(), { status: 200 });
    const begin = Number(match[1]);
    const end = Math.min(Number(match[2]) + 1, FILE.length);
    return new Response(FILE.slice(begin, end), {
      status: 206,
      headers: { "Content-Range": `bytes ${begin}-${end - 1}/${FILE.length}` },
    });
  };
  // No answer is the TypeError fetch() rejects with.
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const response = answer(input, init);
    return response ? Promise.resolve(response) : Promise.reject(new TypeError("Failed to fetch"));
  };
  return { fetch, seen };
}

function json403(code: string): Response {
  return new Response(JSON.stringify({ error: { code, message: code } }), { status: 403, headers: { "Content-Type": "application/json" } });
}

const at = (url: string, headers: Record<string, string> = {}): Location => ({ url, headers });

describe("parseContentRange", () => {
  it("reads begin, end (exclusive) and the total", () => {
    expect(parseContentRange("bytes 0-262143/51700000")).toEqual({ begin: 0, end: 262144, total: 51700000 });
    expect(parseContentRange("bytes 10-19/*")).toEqual({ begin: 10, end: 20, total: null });
  });

  it("refuses anything else", () => {
    expect(parseContentRange(null)).toBeNull();
    expect(parseContentRange("bytes */1000")).toBeNull();
    expect(parseContentRange("items 0-1/2")).toBeNull();
  });
});

describe("blobSource", () => {
  it("knows its length and reads slices", async () => {
    const source = blobSource(new Blob([FILE]));
    expect(source.length).toBe(1000);
    const range = await source.read(10, 20);
    expect([...range.bytes]).toEqual([...FILE.slice(10, 20)]);
    expect(range.total).toBe(1000);
  });
});

describe("httpSource", () => {
  it("sends Range requests with the location's headers and learns the total", async () => {
    const { fetch, seen } = server();
    const source = httpSource({ locate: () => Promise.resolve(at("/api/v1/documents/5/file?version=2", { Authorization: "Bearer t" })), fetch });
    expect(source.length).toBeNull();
    const range = await source.read(100, 300);
    expect([...range.bytes]).toEqual([...FILE.slice(100, 300)]);
    expect(range.total).toBe(1000);
    expect(seen).toEqual([{ url: "/api/v1/documents/5/file?version=2", headers: { Authorization: "Bearer t", Range: "bytes=100-299" } }]);
  });

  it("passes on a known length and asks for the location once, at once", async () => {
    const { fetch } = server();
    let asked = 0;
    const source = httpSource({ locate: () => (asked++, Promise.resolve(at("/files/a?e=1&s=x"))), length: 1000, fetch });
    expect(source.length).toBe(1000);
    expect(asked).toBe(1);
    await Promise.all([source.read(0, 10), source.read(10, 20)]);
    expect(asked).toBe(1);
  });

  it("keeps a whole answer from a server that ignores Range and cuts later reads from it", async () => {
    const { fetch, seen } = server({ ignoreRange: true });
    const source = httpSource({ locate: () => Promise.resolve(at("/f")), fetch });
    expect((await source.read(0, 10)).total).toBe(1000);
    const later = await source.read(500, 510);
    expect([...later.bytes]).toEqual([...FILE.slice(500, 510)]);
    expect(seen).toHaveLength(1);
  });

  it("asks for a new link once when the server refuses it, however many reads were refused", async () => {
    let links = 0;
    const { fetch, seen } = server({ refuse: (url) => (url === "/files/old" ? json403("file_link_expired") : null) });
    const source = httpSource({
      locate: (renew) => {
        links += 1;
        return Promise.resolve(at(renew ? "/files/new" : "/files/old"));
      },
      fetch,
    });
    const [first, second] = await Promise.all([source.read(0, 10), source.read(10, 20)]);
    expect([...first.bytes, ...second.bytes]).toEqual([...FILE.slice(0, 20)]);
    expect(links).toBe(2);
    expect(seen.map((request) => request.url)).toEqual(["/files/old", "/files/old", "/files/new", "/files/new"]);
  });

  it("also renews on nginx's bare 403, but only once", async () => {
    let links = 0;
    const { fetch } = server({ refuse: () => new Response("<html>403</html>", { status: 403 }) });
    const source = httpSource({ locate: () => (links++, Promise.resolve(at("/files/x"))), fetch });
    const error = await source.read(0, 10).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(403);
    expect(links).toBe(2);
  });

  it("throws the server's error for other answers", async () => {
    const { fetch } = server({ refuse: () => new Response(JSON.stringify({ error: { code: "not_found", message: "gone" } }), { status: 404 }) });
    const source = httpSource({ locate: () => Promise.resolve(at("/f")), fetch });
    await expect(source.read(0, 10)).rejects.toMatchObject({ status: 404, code: "not_found" });
  });

  it("retries a read that got no answer, then gives up with a network error", async () => {
    const flaky = server({ fail: 2 });
    const source = httpSource({ locate: () => Promise.resolve(at("/f")), fetch: flaky.fetch, retryDelaysMs: [1, 1] });
    expect((await source.read(0, 4)).bytes.length).toBe(4);
    expect(flaky.seen).toHaveLength(3);

    const down = server({ fail: 99 });
    const gone = httpSource({ locate: () => Promise.resolve(at("/f")), fetch: down.fetch, retryDelaysMs: [1, 1] });
    await expect(gone.read(0, 4)).rejects.toMatchObject({ status: 0, code: "network" });
    expect(down.seen).toHaveLength(3);
  });

  it("asks for the location again after asking failed", async () => {
    const { fetch } = server();
    let calls = 0;
    const source = httpSource({
      locate: () => {
        calls += 1;
        if (calls === 1) return Promise.reject(new ApiError(0, "network", "offline"));
        return Promise.resolve(at("/f"));
      },
      fetch,
      retryDelaysMs: [1],
    });
    expect((await source.read(0, 4)).bytes.length).toBe(4);
    expect(calls).toBe(2);
  });

  it("stops when aborted", async () => {
    const { fetch } = server({ fail: 99 });
    const closing = new AbortController();
    const source = httpSource({ locate: () => Promise.resolve(at("/f")), fetch, retryDelaysMs: [10_000] });
    const reading = source.read(0, 4, closing.signal);
    setTimeout(() => closing.abort(), 5);
    await expect(reading).rejects.toBeDefined();
  });
});

describe("edgeChunks", () => {
  it("is the first and the last chunk", () => {
    expect(edgeChunks(1000, 256)).toEqual([
      [0, 256],
      [768, 1000],
    ]);
    expect(edgeChunks(1024, 256)).toEqual([
      [0, 256],
      [768, 1024],
    ]);
  });

  it("is one chunk for a small file, none for an empty one", () => {
    expect(edgeChunks(200, 256)).toEqual([[0, 200]]);
    expect(edgeChunks(256, 256)).toEqual([[0, 256]]);
    expect(edgeChunks(0, 256)).toEqual([]);
  });
});

/** A source that counts its reads. */
function counted(failFirst = false): ByteSource & { reads: Array<[number, number]> } {
  const inner = blobSource(new Blob([FILE]));
  const reads: Array<[number, number]> = [];
  let fail = failFirst;
  return {
    length: inner.length,
    reads,
    async read(begin, end) {
      reads.push([begin, end]);
      if (fail) {
        fail = false;
        throw new Error("lost");
      }
      return inner.read(begin, end);
    },
  };
}

describe("prefetching", () => {
  it("reads the ranges at once and answers them without reading again", async () => {
    const source = counted();
    const reader = prefetching(source, 1000, edgeChunks(1000, 256));
    expect(source.reads).toEqual([
      [0, 256],
      [768, 1000],
    ]);
    const tail = await reader.read(768, 1000);
    expect([...tail.bytes]).toEqual([...FILE.slice(768)]);
    expect(tail.total).toBe(1000);
    await reader.read(0, 256);
    expect(source.reads).toHaveLength(2);
    // Used once: a second read of the same range reads again.
    await reader.read(0, 256);
    expect(source.reads).toHaveLength(3);
  });

  it("reads only the rest of a larger range", async () => {
    const source = counted();
    const reader = prefetching(source, 1000, [[768, 1000]]);
    const range = await reader.read(512, 1000);
    expect([...range.bytes]).toEqual([...FILE.slice(512)]);
    expect(source.reads).toEqual([
      [768, 1000],
      [512, 768],
    ]);
  });

  it("reads a range again when its prefetch failed", async () => {
    const source = counted(true);
    const reader = prefetching(source, 1000, [[0, 256]]);
    const range = await reader.read(0, 256);
    expect([...range.bytes]).toEqual([...FILE.slice(0, 256)]);
    expect(source.reads).toEqual([
      [0, 256],
      [0, 256],
    ]);
  });
});
