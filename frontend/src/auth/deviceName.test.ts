import { describe, expect, it } from "vitest";
import { guessDeviceName } from "./deviceName";

describe("guessDeviceName", () => {
  it("names common tablets and desktops", () => {
    expect(guessDeviceName("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 Chrome/130.0 Safari/537.36")).toBe(
      "Chrome – Android (máy tính bảng)",
    );
    expect(guessDeviceName("Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Safari/604.1")).toBe(
      "Safari – iPad",
    );
    expect(guessDeviceName("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36 Edg/130.0")).toBe(
      "Edge – Windows",
    );
    expect(guessDeviceName("")).toBe("Trình duyệt");
  });
});
