// The record on a participant's tablet, once the meeting runs: the minutes' state and files
// (the draft, "DỰ THẢO", read only; the final minutes' document once final) and the meeting's
// resolutions, with the council's register.
import type { Meeting } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { MinutesDownloads } from "./MinutesDownloads";
import { MinutesHead } from "./MinutesHead";
import { RegisterLink } from "./RegisterLink";
import { ResolutionList } from "./ResolutionList";
import type { Minutes, Resolution } from "./types";
import "./record.css";

export function MeetingRecord({ meeting, minutes, resolutions }: { meeting: Meeting; minutes: Minutes | null; resolutions: Resolution[] }) {
  const { t } = useI18n();
  return (
    <section className="panel meeting-record" aria-labelledby="meeting-record-title">
      <div className="panel__header">
        <h2 id="meeting-record-title">{t("minutes.title")}</h2>
        <RegisterLink councilId={meeting.council_id} />
      </div>
      {minutes && <MinutesHead meetingId={meeting.id} minutes={minutes} />}
      <MinutesDownloads meetingId={meeting.id} draft={minutes?.state !== "final"} />
      {resolutions.length > 0 && (
        <>
          <h3>{t("resolution.title")}</h3>
          <ResolutionList resolutions={resolutions} label={t("resolution.title")} />
        </>
      )}
    </section>
  );
}
