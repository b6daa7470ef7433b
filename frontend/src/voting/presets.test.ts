import { describe, expect, it } from "vitest";
import { formFor, pollRequest, problemsOf } from "./presets";

describe("poll presets", () => {
  it("a resolution: open, majority of seated deputies, options from the server", () => {
    const request = pollRequest({ ...formFor("resolution"), title: " Thông qua Nghị quyết " });
    expect(request).toEqual({
      title: "Thông qua Nghị quyết",
      preset: "resolution",
      secret: false,
      basis: "seated",
      threshold: "majority",
      require_presence: true,
      allow_change: false,
    });
  });

  it("a confidence rating is secret by default", () => {
    expect(pollRequest({ ...formFor("confidence"), title: "Lấy phiếu tín nhiệm" }).secret).toBe(true);
  });

  it("an election sends its candidates and caps the choices to their number", () => {
    const form = { ...formFor("election"), title: "Bầu Phó Chủ tịch", optionsText: "Nguyễn Văn A\n\n  Trần Thị B  \n", maxChoices: 5 };
    expect(pollRequest(form)).toMatchObject({ secret: true, options: ["Nguyễn Văn A", "Trần Thị B"], max_choices: 2 });
  });

  it("a secret poll never allows changing a ballot; a duration is sent in seconds", () => {
    const request = pollRequest({ ...formFor("custom"), title: "x", optionsText: "a\nb", secret: true, allowChange: true, durationText: "90" });
    expect(request.allow_change).toBe(false);
    expect(request.duration_s).toBe(90);
    expect(request.options).toEqual(["a", "b"]);
  });

  it("names what is missing", () => {
    expect(problemsOf(formFor("resolution"))).toEqual(["title"]);
    expect(problemsOf({ ...formFor("custom"), title: "x", optionsText: "only one" })).toEqual(["options"]);
    expect(problemsOf({ ...formFor("resolution"), title: "x", durationText: "1 phút" })).toEqual(["duration"]);
    expect(problemsOf({ ...formFor("resolution"), title: "x" })).toEqual([]);
    expect(problemsOf({ ...formFor("election"), title: "x", optionsText: "Nguyễn Văn A" })).toEqual([]);
    expect(problemsOf({ ...formFor("election"), title: "x" })).toEqual(["options"]);
  });
});
