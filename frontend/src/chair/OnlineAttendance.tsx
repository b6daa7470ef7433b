// The chair admits a deputy attending online (trực tuyến, Art. 35(1)): counted as present. Only
// the secretariat marks other statuses; the chair sees each deputy's and admits those not online.
import { api, call } from "../api/client";
import type { Attendance } from "../api/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { sortPeople } from "../kit/collation";

export function OnlineAttendance({ meetingId, attendance, open }: { meetingId: number; attendance: Attendance | null; open: boolean }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  if (!attendance || attendance.items.length === 0) return null;
  const admit = (userId: number) =>
    void run(() =>
      call(
        api.PUT("/api/v1/meetings/{meeting_id}/attendance/{user_id}", {
          params: { path: { meeting_id: meetingId, user_id: userId } },
          body: { status: "online" },
        }),
      ),
    );
  return (
    <details className="online-attendance">
      <summary>
        {t("attendance.online")} ({attendance.online})
      </summary>
      <p className="muted">{t("attendance.onlineHint")}</p>
      {error && <ErrorNotice message={error} />}
      <ul className="attendance-list">
        {sortPeople(attendance.items).map((entry) => (
          <li key={entry.user_id} className="attendance-row">
            <span className="attendance-row__name">{entry.full_name}</span>
            <span className={`badge badge--attendance-${entry.status}`}>{t(`attendance.status.${entry.status}`)}</span>
            {open && entry.status !== "online" && (
              <button type="button" className="button" disabled={busy} aria-label={`${t("attendance.admitOnline")}: ${entry.full_name}`} onClick={() => admit(entry.user_id)}>
                {t("attendance.admitOnline")}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
