import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import type { Meeting } from "../api/types";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { canChair, canManage, managedCouncils } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { CommunesSection } from "../network/CommunesSection";
import { remembered } from "../offline/remembered";
import { hasMyQuestions } from "../questions/questions";

function MeetingCard({ meeting }: { meeting: Meeting }) {
  const { t, formatDateTime } = useI18n();
  const { me } = useSession();
  return (
    <li className="card meeting-card">
      <Link className="meeting-card__main" href={paths.meeting(meeting.id)}>
        <span className={`badge badge--${meeting.state}`}>{t(`meeting.state.${meeting.state}`)}</span>
        <span className="meeting-card__title">{meeting.title}</span>
        <span className="meeting-card__meta">
          {t(`meeting.kind.${meeting.kind}`)} · {formatDateTime(meeting.starts_at)}
          {meeting.location ? ` · ${meeting.location}` : ""}
        </span>
      </Link>
      <div className="meeting-card__actions">
        <Link className="button button--primary" href={paths.meeting(meeting.id)}>
          {t("meetings.open")}
        </Link>
        {canChair(me, meeting.council_id) && (
          <Link className="button" href={paths.chair(meeting.id)}>
            {t("meetings.chair")}
          </Link>
        )}
        {canManage(me, meeting.council_id) && (
          <Link className="button" href={paths.manage(meeting.id)}>
            {t("meetings.manage")}
          </Link>
        )}
        {canChair(me, meeting.council_id) && (
          <Link className="button button--ghost" href={paths.display(meeting.id)}>
            {t("meetings.display")} ↗
          </Link>
        )}
      </div>
    </li>
  );
}

export function MeetingsScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  // Remembered, so a tablet started without a network still lists its meetings.
  const meetings = useAsync(() => remembered("meetings", () => call(api.GET("/api/v1/meetings"))), []);
  const items = meetings.data?.items ?? [];
  const myQuestions = hasMyQuestions(me?.memberships.map((membership) => membership.role) ?? []);
  return (
    <div className="screen">
      <TopBar title={t("meetings.title")} subtitle={t("app.tagline")}>
        {myQuestions.show && (
          <Link className={myQuestions.primary ? "button button--primary" : "button"} href={paths.myQuestions()}>
            {t("question.mine")}
          </Link>
        )}
        {(me?.memberships ?? [])
          .filter((m) => ["secretary", "chair", "deputy", "respondent"].includes(m.role))
          .map((m) => (
            <Link key={`petitions-${m.council_id}`} className={m.role === "respondent" ? "button button--primary" : "button"} href={paths.petitions(m.council_id)}>
              {t("petition.open")}
            </Link>
          ))}
        {managedCouncils(me).length > 0 && (
          <Link className="button" href={paths.secretariat()}>
            {t("meetings.secretariat")}
          </Link>
        )}
      </TopBar>
      <main className="page">
        {meetings.loading && !meetings.data && <p className="loading">{t("common.loading")}</p>}
        {meetings.error != null && (
          <ErrorNotice message={messageOf(meetings.error, t("common.error"))} onRetry={meetings.reload} retryLabel={t("common.retry")} />
        )}
        {meetings.data && items.length === 0 && <p className="empty">{t("meetings.empty")}</p>}
        <ul className="meeting-list">
          {items.map((meeting) => (
            <MeetingCard key={meeting.id} meeting={meeting} />
          ))}
        </ul>
        <CommunesSection me={me} />
      </main>
    </div>
  );
}
