import { useState } from "react";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { canChair, canManage, roleIn } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { listClosed } from "../floor/speakers";
import { TabletFloor } from "../floor/TabletFloor";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { AgendaTree } from "../meeting/AgendaTree";
import { AttendanceBar } from "../meeting/AttendanceBar";
import { CheckInButton } from "../meeting/CheckInButton";
import { DocumentList } from "../meeting/DocumentList";
import { useFollowChair } from "../meeting/followChair";
import { currentItemId, documentsFor, findItem, isCheckedIn, itemLabel, myAttendance } from "../meeting/selectors";
import { OfflinePackage } from "../offline/OfflinePackage";
import { useStoredVersions } from "../offline/storedVersions";
import { QuestionsSection } from "../questions/QuestionsSection";
import { MeetingRecord } from "../record/MeetingRecord";

/**
 * The deputy's tablet: agenda followed live ("follow the chair": the selection moves with the
 * current item), the documents of each item, check-in, attendance, and the offline package.
 */
export function MeetingScreen({ meetingId }: { meetingId: number }) {
  const { t, formatDateTime } = useI18n();
  const { me } = useSession();
  const { state, status } = useLiveMeeting();
  const current = currentItemId(state);
  const [followChair, setFollowChair] = useFollowChair(meetingId);
  const stored = useStoredVersions();
  const [selectedId, setSelectedId] = useState<number | null>(null);

  // Following the chair: the selection moves with the current item, whenever it (or following)
  // changes; adjusted while rendering, so no frame shows the old selection.
  const [followed, setFollowed] = useState<{ follow: boolean; current: number | null } | null>(null);
  if (followed === null || followed.follow !== followChair || followed.current !== current) {
    setFollowed({ follow: followChair, current });
    if (followChair && current !== null) setSelectedId(current);
  }

  const meeting = state.meeting;
  if (status === "forbidden") {
    return (
      <div className="screen">
        <TopBar title={t("app.name")} backTo={paths.meetings()} />
        <main className="page">
          <ErrorNotice message={t("meeting.notFound")} />
        </main>
      </div>
    );
  }

  const selected = findItem(state.agenda, selectedId) ?? findItem(state.agenda, current);
  const role = meeting ? roleIn(me, meeting.council_id) : null;
  const mine = myAttendance(state.attendance, me?.id);
  const canCheckIn = role === "deputy" || role === "chair" || mine !== null;
  const general = documentsFor(state.documents, null);
  const currentItem = findItem(state.agenda, current);
  const floorOpen = meeting?.state === "published" || meeting?.state === "in_progress";

  return (
    <div className="screen">
      <TopBar
        title={meeting?.title ?? t("common.loading")}
        subtitle={meeting ? `${t(`meeting.state.${meeting.state}`)} · ${formatDateTime(meeting.starts_at)}${meeting.location ? ` · ${meeting.location}` : ""}` : undefined}
        backTo={paths.meetings()}
      >
        <ConnectionIndicator status={status} />
        {meeting && canChair(me, meeting.council_id) && (
          <Link className="button" href={paths.chair(meetingId)}>
            {t("meetings.chair")}
          </Link>
        )}
        {meeting && canManage(me, meeting.council_id) && (
          <Link className="button" href={paths.manage(meetingId)}>
            {t("meetings.manage")}
          </Link>
        )}
      </TopBar>
      <div className="meeting-status">
        <AttendanceBar attendance={state.attendance} />
        {meeting && canCheckIn && meeting.state !== "closed" && meeting.state !== "draft" && (
          <CheckInButton meetingId={meetingId} checkedIn={isCheckedIn(mine)} />
        )}
        {state.seq !== null && <OfflinePackage meetingId={meetingId} documents={state.documents} />}
      </div>
      {floorOpen && currentItem && (
        <TabletFloor
          itemId={currentItem.id}
          itemLabel={itemLabel(currentItem)}
          speakers={state.speakers}
          userId={me?.id}
          canSpeak={role === "deputy" || role === "chair"}
          closed={listClosed(currentItem)}
        />
      )}
      <main className="meeting">
        <section className="meeting__agenda panel">
          <div className="panel__header">
            <h2>{t("meeting.agenda")}</h2>
            <label className="toggle">
              <input type="checkbox" checked={followChair} onChange={(event) => setFollowChair(event.target.checked)} />
              <span>{t("meeting.followChair")}</span>
            </label>
          </div>
          {state.seq === null ? (
            <p className="loading">{t("common.loading")}</p>
          ) : (
            <AgendaTree
              items={state.agenda}
              selectedId={selected?.id ?? null}
              onSelect={(id) => {
                setSelectedId(id);
                setFollowChair(id === current);
              }}
            />
          )}
        </section>
        <section className="meeting__documents panel">
          {selected ? (
            <>
              <div className="panel__header">
                <h2>{itemLabel(selected)}</h2>
                {selected.state === "current" && <span className="badge badge--current">{t("meeting.current")}</span>}
              </div>
              {selected.presenter && <p className="muted">{t("meeting.presenter", { name: selected.presenter })}</p>}
              {selected.description && <p className="item-description">{selected.description}</p>}
              <h3>{t("meeting.documents")}</h3>
              <DocumentList meetingId={meetingId} documents={documentsFor(state.documents, selected.id)} emptyText={t("meeting.documentsEmpty")} councilId={meeting?.council_id ?? null} stored={stored} />
            </>
          ) : null}
          {general.length > 0 && (
            <>
              <h3>{t("meeting.otherDocuments")}</h3>
              <DocumentList meetingId={meetingId} documents={general} emptyText="" councilId={meeting?.council_id ?? null} stored={stored} />
            </>
          )}
        </section>
      </main>
      {meeting && state.seq !== null && (meeting.state === "in_progress" || meeting.state === "closed") && (
        <MeetingRecord meeting={meeting} minutes={state.minutes} resolutions={state.resolutions} />
      )}
      {meeting && state.seq !== null && <QuestionsSection meetingId={meetingId} councilId={meeting.council_id} mayAsk={role === "deputy" || role === "chair"} />}
    </div>
  );
}
