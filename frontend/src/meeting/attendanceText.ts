// Attendance in words: the summary "Có mặt X/Y (Z trực tuyến)" and what counts as present.
import type { Attendance, AttendanceStatus } from "../api/types";
import type { Translate } from "../i18n/translate";

/** In the hall or online: both count as present, for the quorum and for votes (the server counts them so). */
export function countsAsPresent(status: AttendanceStatus): boolean {
  return status === "present" || status === "online";
}

/** "Có mặt 40/45", or "Có mặt 40/45 (3 trực tuyến)" when some of those present attend online. */
export function presentSummary(t: Translate, attendance: Pick<Attendance, "present" | "seated" | "online">): string {
  const online = attendance.online;
  const counts = { present: attendance.present, seated: attendance.seated };
  return online > 0 ? t("attendance.presentOnline", { ...counts, online }) : t("attendance.present", counts);
}
