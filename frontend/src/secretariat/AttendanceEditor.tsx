// The secretary marks each deputy present, online (attending remotely, counted as present),
// absent or excused (with a reason), or all present but a few at once; in Vietnamese name order.
import { useState } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import { ATTENDANCE_STATUSES, type Attendance, type AttendanceStatus } from "../api/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import { sortPeople } from "../kit/collation";
import { AttendanceBar } from "../meeting/AttendanceBar";
import { MarkAllPresent } from "./MarkAllPresent";

export function AttendanceEditor({ meetingId, attendance }: { meetingId: number; attendance: Attendance | null }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [reasons, setReasons] = useState<Record<number, string>>({});

  async function mark(userId: number, status: AttendanceStatus) {
    setError(null);
    try {
      await call(
        api.PUT("/api/v1/meetings/{meeting_id}/attendance/{user_id}", {
          params: { path: { meeting_id: meetingId, user_id: userId } },
          body: { status, reason: status === "excused" ? (reasons[userId] ?? "") : "" },
        }),
      );
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
    }
  }

  if (!attendance) return null;
  const entries = sortPeople(attendance.items);
  return (
    <section className="panel">
      <h2>{t("secretariat.attendance")}</h2>
      <AttendanceBar attendance={attendance} />
      {error && <ErrorNotice message={error} />}
      <MarkAllPresent meetingId={meetingId} entries={entries} />
      <ul className="attendance-list">
        {entries.map((entry) => (
          <li key={entry.user_id} className="attendance-row">
            <span className="attendance-row__name">{entry.full_name}</span>
            <span className="segmented">
              {ATTENDANCE_STATUSES.map((status) => (
                <button
                  key={status}
                  type="button"
                  className={`segmented__option${entry.status === status ? " segmented__option--on" : ""}`}
                  aria-pressed={entry.status === status}
                  onClick={() => void mark(entry.user_id, status)}
                >
                  {t(`attendance.status.${status}`)}
                </button>
              ))}
            </span>
            {entry.status === "excused" || reasons[entry.user_id] !== undefined ? (
              <input
                className="attendance-row__reason"
                placeholder={t("attendance.reason")}
                value={reasons[entry.user_id] ?? entry.reason}
                onChange={(event) => setReasons((current) => ({ ...current, [entry.user_id]: event.target.value }))}
                onBlur={() => entry.status === "excused" && void mark(entry.user_id, "excused")}
              />
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
