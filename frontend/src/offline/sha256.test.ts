import { describe, expect, it } from "vitest";
import { Sha256, sha256Hex } from "./sha256";

/** The platform's digest (Web Crypto, in Node too) to compare with. */
async function reference(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", data as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

function bytes(length: number): Uint8Array {
  const data = new Uint8Array(length);
  for (let i = 0; i < length; i++) data[i] = (i * 31 + 7) & 0xff;
  return data;
}

describe("Sha256", () => {
  it("gives the standard digests", () => {
    expect(sha256Hex(new Uint8Array())).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex(new TextEncoder().encode("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("matches the platform's digest around every padding boundary", async () => {
    for (const length of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      expect(sha256Hex(bytes(length)), String(length)).toBe(await reference(bytes(length)));
    }
  });

  it("gives the same digest however the data is chunked", async () => {
    const data = bytes(300_001);
    const expected = await reference(data);
    for (const chunk of [1, 7, 64, 100, 65_536]) {
      const hash = new Sha256();
      for (let offset = 0; offset < data.length; offset += chunk) hash.update(data.subarray(offset, offset + chunk));
      expect(hash.hex(), String(chunk)).toBe(expected);
    }
  });
});
