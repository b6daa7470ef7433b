// The secretariat's page for one meeting: edit, publish / unpublish, delete a draft, build and arrange the agenda, upload documents
// and replace them with new versions, attendance; the record: minutes (biên bản) and resolutions.
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { TopBar } from "../components/TopBar";
import { SpeakingTimesForm } from "../floor/SpeakingTimesForm";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { MinutesSection } from "../record/MinutesSection";
import { ResolutionsSection } from "../record/ResolutionsSection";
import { AgendaEditor } from "./AgendaEditor";
import { AttendanceEditor } from "./AttendanceEditor";
import { DocumentUploader } from "./DocumentUploader";
import { DocumentVersions } from "./DocumentVersions";
import { MeetingActions } from "./MeetingActions";

export default function ManageMeetingScreen({ meetingId }: { meetingId: number }) {
  const { t } = useI18n();
  const { state, status } = useLiveMeeting();
  const meeting = state.meeting;
  const poll = state.poll;
  return (
    <div className="screen">
      <TopBar
        title={meeting?.title ?? t("common.loading")}
        subtitle={meeting ? `${t("secretariat.title")} · ${t(`meeting.state.${meeting.state}`)}` : undefined}
        backTo={paths.secretariat()}
      >
        <ConnectionIndicator status={status} />
        <Link className="button" href={paths.questions(meetingId)}>
          {t("question.title")}
        </Link>
      </TopBar>
      <main className="manage">
        {meeting && <MeetingActions key={`${meeting.id}:${meeting.title}:${meeting.location ?? ""}`} meeting={meeting} />}
        {meeting && meeting.state !== "closed" && <SpeakingTimesForm key={meeting.id} meeting={meeting} />}
        <AgendaEditor meetingId={meetingId} agenda={state.agenda} />
        <div className="manage__column">
          <DocumentUploader meetingId={meetingId} agenda={state.agenda} />
          <section className="panel">
            <h2>{t("meeting.documents")}</h2>
            <DocumentVersions meetingId={meetingId} councilId={meeting?.council_id ?? null} documents={state.documents} agenda={state.agenda} />
          </section>
        </div>
        <AttendanceEditor meetingId={meetingId} attendance={state.attendance} />
        {meeting && <MinutesSection meeting={meeting} agenda={state.agenda} live={state.minutes} />}
        {meeting && (
          <ResolutionsSection
            meeting={meeting}
            agenda={state.agenda}
            documents={state.documents}
            resolutions={state.resolutions}
            pollKey={poll ? `${String(poll.id)}:${poll.state}` : null}
          />
        )}
      </main>
    </div>
  );
}
