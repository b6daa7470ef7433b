// "Hoàn thành biên bản": offered once the meeting is closed, confirmed first; the server stores
// the final minutes as a document of kind `minutes` and the notes can no longer change.
import type { Meeting } from "../api/types";
import { useConfirm } from "../components/ConfirmDialog";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { finalizeMinutes } from "./api";
import { mayFinalize, retryingOn } from "./minutes";
import type { Minutes } from "./types";

export function MinutesFinalize({ meeting, minutes }: { meeting: Meeting; minutes: Minutes }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const { confirm, dialog } = useConfirm();
  const allowed = mayFinalize(meeting.state, minutes);
  const finalize = () =>
    confirm({ title: t("minutes.finalizeTitle", { title: meeting.title }), message: t("minutes.finalizeMessage"), confirmLabel: t("minutes.finalize") }, () =>
      void run(() => retryingOn("minutes_changed", 3, () => finalizeMinutes(meeting.id))),
    );
  return (
    <div className="minutes-finalize">
      <button type="button" className="button button--primary" disabled={!allowed || busy} onClick={finalize}>
        {t("minutes.finalize")}
      </button>
      {meeting.state !== "closed" && <span className="muted">{t("minutes.finalizeHint")}</span>}
      {error && <ErrorNotice message={error} />}
      {dialog}
    </div>
  );
}
