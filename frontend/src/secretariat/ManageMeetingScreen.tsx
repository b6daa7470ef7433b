// The secretariat's page for one meeting: publish, build and arrange the agenda, upload documents
// and replace them with new versions, attendance.
import { useState } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import { paths } from "../app/routes";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { AgendaEditor } from "./AgendaEditor";
import { AttendanceEditor } from "./AttendanceEditor";
import { DocumentUploader } from "./DocumentUploader";
import { DocumentVersions } from "./DocumentVersions";

export default function ManageMeetingScreen({ meetingId }: { meetingId: number }) {
  const { t } = useI18n();
  const { state, status } = useLiveMeeting();
  const [error, setError] = useState<string | null>(null);
  const meeting = state.meeting;

  async function publish() {
    setError(null);
    try {
      await call(api.POST("/api/v1/meetings/{meeting_id}/publish", { params: { path: { meeting_id: meetingId } } }));
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
    }
  }

  return (
    <div className="screen">
      <TopBar
        title={meeting?.title ?? t("common.loading")}
        subtitle={meeting ? `${t("secretariat.title")} · ${t(`meeting.state.${meeting.state}`)}` : undefined}
        backTo={paths.secretariat()}
      >
        <ConnectionIndicator status={status} />
        {meeting?.state === "draft" && (
          <button type="button" className="button button--primary" onClick={() => void publish()}>
            {t("secretariat.publish")}
          </button>
        )}
      </TopBar>
      {error && <ErrorNotice message={error} />}
      <main className="manage">
        <AgendaEditor meetingId={meetingId} agenda={state.agenda} />
        <div className="manage__column">
          <DocumentUploader meetingId={meetingId} agenda={state.agenda} />
          <section className="panel">
            <h2>{t("meeting.documents")}</h2>
            <DocumentVersions meetingId={meetingId} documents={state.documents} />
          </section>
        </div>
        <AttendanceEditor meetingId={meetingId} attendance={state.attendance} />
      </main>
    </div>
  );
}
