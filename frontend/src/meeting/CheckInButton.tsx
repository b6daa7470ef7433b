import { useState } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";

/** A deputy's check-in: idempotent on the server, so a retry never counts twice. */
export function CheckInButton({ meetingId, checkedIn }: { meetingId: number; checkedIn: boolean }) {
  const { t } = useI18n();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  async function checkIn() {
    setSending(true);
    setError(null);
    try {
      await call(api.POST("/api/v1/meetings/{meeting_id}/check-in", { params: { path: { meeting_id: meetingId } } }));
      setConfirmed(true);
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
    } finally {
      setSending(false);
    }
  }

  if (checkedIn || confirmed) return <span className="checked-in">✓ {t("meeting.checkedIn")}</span>;
  return (
    <span className="check-in">
      <button type="button" className="button button--primary button--large" disabled={sending} onClick={() => void checkIn()}>
        {sending ? t("meeting.checkingIn") : t("meeting.checkIn")}
      </button>
      {error && <ErrorNotice message={error} />}
    </span>
  );
}
