// The secretariat's start: create a meeting in a council they serve; open a meeting to prepare
// it; import the council's members from a CSV / XLSX list.
import { useState, type FormEvent } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import { MEETING_KINDS, type MeetingKind } from "../api/types";
import { Link } from "../app/Link";
import { navigate } from "../app/navigation";
import { paths } from "../app/routes";
import { managedCouncils } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { MemberImport } from "./MemberImport";

/** A <input type="datetime-local"> value → ISO 8601 with the tablet's offset. */
function localInputToIso(value: string): string {
  return new Date(value).toISOString();
}

export default function SecretariatScreen() {
  const { t, formatDateTime } = useI18n();
  const { me } = useSession();
  const councils = managedCouncils(me);
  const [councilId, setCouncilId] = useState<number | null>(councils[0]?.id ?? null);
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<MeetingKind>("regular");
  const [startsAt, setStartsAt] = useState("");
  const [location, setLocation] = useState("");
  const [isPublic, setIsPublic] = useState(true);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = councilId ?? councils[0]?.id ?? null;
  const meetings = useAsync(
    () => (chosen === null ? Promise.resolve({ items: [] }) : call(api.GET("/api/v1/councils/{council_id}/meetings", { params: { path: { council_id: chosen } } }))),
    [chosen],
  );

  async function create(event: FormEvent) {
    event.preventDefault();
    if (chosen === null || !title.trim() || !startsAt) return;
    setSending(true);
    setError(null);
    try {
      const meeting = await call(
        api.POST("/api/v1/councils/{council_id}/meetings", {
          params: { path: { council_id: chosen } },
          body: { title: title.trim(), kind, public: isPublic, starts_at: localInputToIso(startsAt), location: location.trim() },
        }),
      );
      navigate(paths.manage(meeting.id));
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
      setSending(false);
    }
  }

  return (
    <div className="screen">
      <TopBar title={t("secretariat.title")} backTo={paths.meetings()} />
      <main className="manage">
        {councils.length === 0 ? (
          <p className="empty">{t("secretariat.noCouncil")}</p>
        ) : (
          <>
            <form className="panel" onSubmit={(event) => void create(event)}>
              <h2>{t("secretariat.newMeeting")}</h2>
              <label className="field">
                <span>{t("secretariat.council")}</span>
                <select value={chosen ?? ""} onChange={(event) => setCouncilId(Number(event.target.value))}>
                  {councils.map((council) => (
                    <option key={council.id} value={council.id}>
                      {council.name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span>{t("secretariat.meetingTitle")}</span>
                <input required value={title} onChange={(event) => setTitle(event.target.value)} />
              </label>
              <div className="field-row">
                <label className="field">
                  <span>{t("secretariat.kind")}</span>
                  <select value={kind} onChange={(event) => setKind(event.target.value as MeetingKind)}>
                    {MEETING_KINDS.map((value) => (
                      <option key={value} value={value}>
                        {t(`meeting.kind.${value}`)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field">
                  <span>{t("secretariat.startsAt")}</span>
                  <input type="datetime-local" required value={startsAt} onChange={(event) => setStartsAt(event.target.value)} />
                </label>
              </div>
              <label className="field">
                <span>{t("secretariat.location")}</span>
                <input value={location} onChange={(event) => setLocation(event.target.value)} />
              </label>
              <label className="toggle">
                <input type="checkbox" checked={isPublic} onChange={(event) => setIsPublic(event.target.checked)} />
                <span>{t("secretariat.public")}</span>
              </label>
              {error && <ErrorNotice message={error} />}
              <button type="submit" className="button button--primary button--large" disabled={sending}>
                {t("secretariat.create")}
              </button>
            </form>
            <section className="panel">
              <h2>{t("meetings.title")}</h2>
              <ul className="meeting-list">
                {(meetings.data?.items ?? []).map((meeting) => (
                  <li key={meeting.id} className="card meeting-row">
                    <span className={`badge badge--${meeting.state}`}>{t(`meeting.state.${meeting.state}`)}</span>
                    <span className="meeting-row__title">{meeting.title}</span>
                    <span className="muted">{formatDateTime(meeting.starts_at)}</span>
                    <Link className="button" href={paths.manage(meeting.id)}>
                      {t("secretariat.openMeeting")}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
            {chosen !== null && <MemberImport key={chosen} councilId={chosen} />}
          </>
        )}
      </main>
    </div>
  );
}
