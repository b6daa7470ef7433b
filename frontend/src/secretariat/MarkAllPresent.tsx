// "Đánh dấu tất cả có mặt": every seated member ticked, the secretary unticks those absent and
// confirms — one request (POST /meetings/{id}/attendance/present with the unticked as exceptions;
// those are left as they are, to be marked one by one).
import { useState } from "react";
import { api, call } from "../api/client";
import type { AttendanceEntry } from "../api/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";

export function MarkAllPresent({ meetingId, entries }: { meetingId: number; entries: AttendanceEntry[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [unticked, setUnticked] = useState<Set<number>>(new Set());
  const { busy, error, run } = useAction();
  const toggle = (userId: number) =>
    setUnticked((current) => {
      const next = new Set(current);
      if (!next.delete(userId)) next.add(userId);
      return next;
    });
  const send = () =>
    void run(() =>
      call(
        api.POST("/api/v1/meetings/{meeting_id}/attendance/present", {
          params: { path: { meeting_id: meetingId } },
          body: { except_user_ids: [...unticked] },
        }),
      ),
    ).then((done) => done && (setOpen(false), setUnticked(new Set())));

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)}>
        {t("attendance.markAll")}
      </button>
    );
  }
  return (
    <fieldset className="mark-all">
      <legend>{t("attendance.markAll")}</legend>
      <p className="muted">{t("attendance.markAllHint")}</p>
      <ul className="mark-all__list">
        {entries.map((entry) => (
          <li key={entry.user_id}>
            <label className="toggle">
              <input type="checkbox" checked={!unticked.has(entry.user_id)} onChange={() => toggle(entry.user_id)} />
              <span>{entry.full_name}</span>
            </label>
          </li>
        ))}
      </ul>
      {error && <ErrorNotice message={error} />}
      <div className="mark-all__buttons">
        <button type="button" className="button button--primary" disabled={busy} onClick={send}>
          {t("attendance.markAllConfirm", { count: entries.length - unticked.size })}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </fieldset>
  );
}
