// Readable names for the generated schema's types (src/api/schema.d.ts).
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Me = Schemas["MeOut"];
export type Membership = Schemas["MembershipBrief"];
export type LoginAnswer = Schemas["LoginOut"];
export type Device = Schemas["DeviceOut"];
export type Council = Schemas["CouncilOut"];
export type CouncilRef = Schemas["CouncilRef"];
export type UnitKind = Council["unit_kind"];
export type Agency = Schemas["AgencyOut"];
export type AgencyKind = Agency["kind"];
export type MemberRole = Schemas["MemberOut"]["role"];
export type Member = Schemas["MemberOut"];
export type Meeting = Schemas["MeetingOut"];
export type MeetingCreate = Schemas["MeetingCreate"];
export type MeetingKind = Meeting["kind"];
export type MeetingState = Meeting["state"];
export type AgendaItem = Schemas["AgendaItemOut"];
export type AgendaItemCreate = Schemas["AgendaItemCreate"];
export type DocumentInfo = Schemas["DocumentOut"];
export type DocumentDetail = Schemas["DocumentDetail"];
export type DocumentKind = DocumentInfo["kind"];
export type Attendance = Schemas["AttendanceSummary"];
export type AttendanceEntry = Schemas["AttendanceEntry"];
export type AttendanceStatus = AttendanceEntry["status"];
export type SearchHit = Schemas["SearchHit"];
export type Note = Schemas["Note"];
export type OfflinePackage = Schemas["Package"];
export type PackageEntry = Schemas["PackageEntry"];
export type Voter = Schemas["VoterOut"];
export type ImportResult = Schemas["ImportResult"];
export type NewAccount = Schemas["NewAccount"];

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  "proposal",
  "draft_resolution",
  "review_report",
  "report",
  "resolution",
  "minutes",
  "other",
];

export const MEETING_KINDS: readonly MeetingKind[] = ["regular", "thematic", "extraordinary"];

/** Every value of a union, in this order: the compiler says when the schema adds or drops one. */
function everyOne<T extends string>(values: Record<T, true>): readonly T[] {
  return Object.keys(values) as T[];
}

/** Tỉnh, thành phố; xã, phường, đặc khu; huyện (dissolved on 2025-07-01). */
export const UNIT_KINDS = everyOne<UnitKind>({ province: true, city: true, commune: true, ward: true, special_zone: true, district: true });

export const AGENCY_KINDS = everyOne<AgencyKind>({ people_committee: true, department: true, court: true, procuracy: true, other: true });

export const MEMBER_ROLES = everyOne<MemberRole>({ secretary: true, chair: true, deputy: true, guest: true, respondent: true });

/** Present in the hall, online (counted as present), absent, excused. */
export const ATTENDANCE_STATUSES = everyOne<AttendanceStatus>({ present: true, online: true, absent: true, excused: true });
