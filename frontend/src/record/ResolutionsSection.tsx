// "Nghị quyết" on the secretariat's meeting screen: the meeting's resolutions (live: the
// snapshot's and resolution.updated) and the form entering one in the council's register. The
// polls offered come from the polls API the chair's console uses, loaded again when the live
// poll closes.
import { useEffect } from "react";
import type { AgendaItem, DocumentInfo, Meeting } from "../api/types";
import { listMeetingPolls } from "../api/voting";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { RegisterLink } from "./RegisterLink";
import { ResolutionForm } from "./ResolutionForm";
import { ResolutionList } from "./ResolutionList";
import type { Resolution } from "./types";
import "./record.css";

interface Props {
  meeting: Meeting;
  agenda: AgendaItem[];
  documents: DocumentInfo[];
  resolutions: Resolution[];
  /** Changes when a poll of the meeting opens or closes (the polls are loaded again). */
  pollKey: string | null;
}

export function ResolutionsSection({ meeting, agenda, documents, resolutions, pollKey }: Props) {
  const { t } = useI18n();
  const polls = useAsync(() => listMeetingPolls(meeting.id), [meeting.id]);
  const reloadPolls = polls.reload;
  useEffect(() => {
    if (pollKey !== null) reloadPolls();
  }, [pollKey, reloadPolls]);
  return (
    <section className="panel resolutions" aria-labelledby="resolutions-title">
      <div className="panel__header">
        <h2 id="resolutions-title">{t("resolution.title")}</h2>
        <RegisterLink councilId={meeting.council_id} />
      </div>
      <ResolutionList resolutions={resolutions} label={t("resolution.title")} />
      <ResolutionForm meetingId={meeting.id} agenda={agenda} polls={polls.data ?? []} documents={documents} />
    </section>
  );
}
