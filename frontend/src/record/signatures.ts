// Digital signatures in words: each check's state, the problems, the verdict; and who is
// offered "Ký chứng thực" on which documents. (Times of signing: vietnamTime.ts.)
import { ApiError, messageOf } from "../api/errors";
import type { DocumentInfo, DocumentKind, Me } from "../api/types";
import { canChair } from "../auth/roles";
import type { MessageKey, Translate } from "../i18n/translate";
import { SIGNATURE_PROBLEMS, type Signature, type SignatureProblem } from "./types";

/** How many digital signatures the document's current version carries (0 from an older server). */
export function signatureCount(document: DocumentInfo): number {
  const count = (document as DocumentInfo & { signatures?: unknown }).signatures;
  return typeof count === "number" && count > 0 ? count : 0;
}

export interface SignatureFact {
  key: MessageKey;
  ok: boolean;
}

/** Nguyên vẹn / Đã bị sửa đổi, Hợp lệ / Không hợp lệ, Tin cậy / Chưa xác định nguồn tin cậy. */
export function signatureFacts(signature: Pick<Signature, "intact" | "valid" | "trusted">): SignatureFact[] {
  return [
    { key: signature.intact ? "signature.intact" : "signature.modified", ok: signature.intact },
    { key: signature.valid ? "signature.valid" : "signature.invalid", ok: signature.valid },
    { key: signature.trusted ? "signature.trusted" : "signature.untrusted", ok: signature.trusted },
  ];
}

export type SignatureVerdict = "good" | "unknown" | "bad";

/** Good: intact, valid, trusted. Unknown: intact and valid, its source not trusted here. Bad: else. */
export function signatureVerdict(signature: Pick<Signature, "intact" | "valid" | "trusted">): SignatureVerdict {
  if (!signature.intact || !signature.valid) return "bad";
  return signature.trusted ? "good" : "unknown";
}

function isKnownProblem(problem: string): problem is SignatureProblem {
  return (SIGNATURE_PROBLEMS as readonly string[]).includes(problem);
}

/** Each problem in words; one this version does not know is shown by its code. */
export function problemTexts(problems: readonly string[], t: Translate): string[] {
  return problems.map((problem) => (isKnownProblem(problem) ? t(`signature.problem.${problem}`) : t("signature.problem.other", { code: problem })));
}

/** The kinds of document the chair certifies (ký chứng thực). */
export const SIGNABLE_KINDS: readonly DocumentKind[] = ["resolution", "minutes"];

/** "Ký chứng thực" for the chair and the secretariat, on resolutions and minutes (the server decides). */
export function maySign(me: Me | null, councilId: number, kind: DocumentKind): boolean {
  return SIGNABLE_KINDS.includes(kind) && canChair(me, councilId);
}

/** A refusal to sign in the user's words: no registered key is explained with what to do. */
export function signingError(failure: unknown, t: Translate): string {
  if (failure instanceof ApiError && failure.code === "no_signing_key") return t("signature.noKey");
  return messageOf(failure, t("common.error"));
}
