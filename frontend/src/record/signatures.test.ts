import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import type { Me } from "../api/types";
import { translator } from "../i18n/translate";
import { documentInfo } from "../test/fixtures";
import { signature } from "./fixtures";
import { maySign, problemTexts, signatureCount, signatureFacts, signatureVerdict, signingError } from "./signatures";
import { formatVietnamTime, vietnamYear } from "./vietnamTime";

const vi = translator("vi");
const words = (facts: ReturnType<typeof signatureFacts>) => facts.map((fact) => [vi(fact.key), fact.ok]);

describe("a signature in words", () => {
  it("says each check plainly", () => {
    expect(words(signatureFacts(signature()))).toEqual([
      ["Nguyên vẹn", true],
      ["Hợp lệ", true],
      ["Tin cậy", true],
    ]);
    expect(words(signatureFacts(signature({ intact: false, valid: false, trusted: false })))).toEqual([
      ["Đã bị sửa đổi", false],
      ["Không hợp lệ", false],
      ["Chưa xác định nguồn tin cậy", false],
    ]);
  });

  it("judges: good, valid from an unknown source, or bad", () => {
    expect(signatureVerdict(signature())).toBe("good");
    expect(signatureVerdict(signature({ trusted: false }))).toBe("unknown");
    expect(signatureVerdict(signature({ intact: false }))).toBe("bad");
    expect(signatureVerdict(signature({ valid: false, trusted: true }))).toBe("bad");
  });

  it("names the problems, and one it does not know by its code", () => {
    expect(problemTexts(["expired", "revoked"], vi)).toEqual(["chứng thư số đã hết hạn", "chứng thư số đã bị thu hồi"]);
    expect(problemTexts(["modified"], vi)[0]).toContain("sửa đổi");
    expect(problemTexts(["quantum"], vi)).toEqual(["vấn đề khác (quantum)"]);
  });

  it("tells the signing time in Vietnam's time zone", () => {
    expect(formatVietnamTime("2026-12-08T02:05:09+00:00", "vi")).toBe("09:05:09 08/12/2026");
    expect(formatVietnamTime("2026-12-31T20:00:00Z", "en")).toBe("03:00:00 01/01/2027");
    expect(formatVietnamTime("không phải giờ", "vi")).toBe("không phải giờ");
    expect(vietnamYear(new Date("2026-12-31T18:00:00Z"))).toBe(2027);
  });
});

describe("documents and signing", () => {
  it("counts the signatures of the current version (none from an older server)", () => {
    expect(signatureCount({ ...documentInfo(1), signatures: 2 } as never)).toBe(2);
    expect(signatureCount(documentInfo(1))).toBe(0);
  });

  const me = (role: Me["memberships"][number]["role"]): Me => ({
    id: 1,
    username: "u",
    full_name: "U",
    is_admin: false,
    memberships: [{ council_id: 1, council_name: "HĐND", role, voting_right: true }],
  });

  it("offers Ký chứng thực to the chair and the secretariat, on resolutions and minutes", () => {
    expect(maySign(me("chair"), 1, "resolution")).toBe(true);
    expect(maySign(me("secretary"), 1, "minutes")).toBe(true);
    expect(maySign(me("chair"), 1, "proposal")).toBe(false);
    expect(maySign(me("deputy"), 1, "resolution")).toBe(false);
    expect(maySign(me("chair"), 2, "resolution")).toBe(false);
    expect(maySign(null, 1, "resolution")).toBe(false);
  });

  it("explains a missing signing key in Vietnamese, other refusals by the server's message", () => {
    expect(signingError(new ApiError(409, "no_signing_key", "x"), vi)).toContain("kyhop signer add");
    expect(signingError(new ApiError(403, "forbidden", "Không có quyền"), vi)).toBe("Không có quyền");
  });
});
