// Readable names for the generated schema's types (src/api/schema.d.ts).
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Me = Schemas["MeOut"];
export type Membership = Schemas["MembershipBrief"];
export type LoginAnswer = Schemas["LoginOut"];
export type Device = Schemas["DeviceOut"];
export type Council = Schemas["CouncilOut"];
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
