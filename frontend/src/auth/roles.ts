// What the logged-in person may do in a council, from /me's memberships. The server decides in
// the end; this only chooses which buttons and consoles to offer.
import type { Me, MemberRole } from "../api/types";
import type { Translate } from "../i18n/translate";

/** A respondent (người trả lời chất vấn) answers questions and petitions for an agency; never votes. */
export type Role = MemberRole;

export function roleIn(me: Me | null, councilId: number): Role | null {
  const membership = me?.memberships.find((m) => m.council_id === councilId);
  return (membership?.role as Role | undefined) ?? null;
}

/** Prepare meetings: build the agenda, upload documents, mark attendance. */
export function canManage(me: Me | null, councilId: number): boolean {
  return !!me && (me.is_admin || roleIn(me, councilId) === "secretary");
}

/** Run the meeting: move through the agenda, open and close votes. */
export function canChair(me: Me | null, councilId: number): boolean {
  return !!me && (me.is_admin || roleIn(me, councilId) === "chair" || roleIn(me, councilId) === "secretary");
}

export function hasVotingRight(me: Me | null, councilId: number): boolean {
  return !!me?.memberships.some((m) => m.council_id === councilId && m.voting_right);
}

/** Councils where this person is a secretary (or every council they belong to, for an admin). */
export function managedCouncils(me: Me | null): { id: number; name: string }[] {
  if (!me) return [];
  return me.memberships
    .filter((m) => me.is_admin || m.role === "secretary")
    .map((m) => ({ id: m.council_id, name: m.council_name }));
}

/** Thư ký, Chủ tọa, Đại biểu, Khách mời, Người trả lời chất vấn. */
export function roleLabel(t: Translate, role: Role): string {
  return t(`role.${role}`);
}
