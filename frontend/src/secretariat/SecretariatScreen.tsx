// The secretariat's start: the council they serve (its kind of unit, what it was formed from; a
// dissolved council is shown read-only, with its successors); create a meeting in it; open a
// meeting to prepare it; its agencies and their respondents; import its members from a CSV / XLSX
// list.
import { useState, type FormEvent } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import { MEETING_KINDS, type MeetingKind } from "../api/types";
import { Link } from "../app/Link";
import { navigate } from "../app/navigation";
import { paths } from "../app/routes";
import type { Council } from "../api/types";
import { managedCouncils, roleIn, roleLabel } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { RegisterLink } from "../record/RegisterLink";
import { AgencyPanel } from "./AgencyPanel";
import { councilLabel, councilNotes, isReadOnly, offersWrites, unitKindLabel } from "./councils";
import { MemberImport } from "./MemberImport";

/** A <input type="datetime-local"> value → ISO 8601 with the tablet's offset. */
function localInputToIso(value: string): string {
  return new Date(value).toISOString();
}

/** The chosen council: its kind of unit, the caller's role, formed from, dissolved and succeeded by. */
function CouncilFacts({ council, role }: { council: Council; role: string | null }) {
  const { t } = useI18n();
  const notes = councilNotes(t, council);
  return (
    <div className="council-facts">
      <p className="council-facts__line">
        <span className="badge badge--unit">{unitKindLabel(t, council)}</span>
        {role && <span className="muted">{role}</span>}
      </p>
      {notes.predecessors && <p className="council-facts__line">{notes.predecessors}</p>}
      {notes.dissolved ? (
        <div className="notice notice--warning council-dissolved" role="status">
          <strong>{notes.dissolved}</strong>
          {notes.successors && <span>{notes.successors}</span>}
        </div>
      ) : (
        notes.successors && <p className="council-facts__line">{notes.successors}</p>
      )}
    </div>
  );
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
  const known = useAsync(() => call(api.GET("/api/v1/councils")), []);
  const council = known.data?.items.find((item) => item.id === chosen);
  const writable = offersWrites(council, known.error != null);
  const readOnly = isReadOnly(council);
  const role = chosen === null ? null : roleIn(me, chosen);
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
            <section className="panel council-panel">
              <label className="field">
                <span>{t("secretariat.council")}</span>
                <select value={chosen ?? ""} onChange={(event) => setCouncilId(Number(event.target.value))}>
                  {councils.map((mine) => {
                    const details = known.data?.items.find((item) => item.id === mine.id);
                    return (
                      <option key={mine.id} value={mine.id}>
                        {details ? councilLabel(t, details) : mine.name}
                      </option>
                    );
                  })}
                </select>
              </label>
              {council && <CouncilFacts council={council} role={role && t("council.yourRole", { role: roleLabel(t, role) })} />}
              {chosen !== null && <RegisterLink councilId={chosen} />}
            </section>
            {writable && (
              <form className="panel" onSubmit={(event) => void create(event)}>
                <h2>{t("secretariat.newMeeting")}</h2>
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
            )}
            <section className="panel">
              <h2>{t("meetings.title")}</h2>
              <ul className="meeting-list">
                {(meetings.data?.items ?? []).map((meeting) => (
                  <li key={meeting.id} className="card meeting-row">
                    <span className={`badge badge--${meeting.state}`}>{t(`meeting.state.${meeting.state}`)}</span>
                    <span className="meeting-row__title">{meeting.title}</span>
                    <span className="muted">{formatDateTime(meeting.starts_at)}</span>
                    {!readOnly ? (
                      <Link className="button" href={paths.manage(meeting.id)}>
                        {t("secretariat.openMeeting")}
                      </Link>
                    ) : (
                      <Link className="button" href={paths.meeting(meeting.id)}>
                        {t("secretariat.viewMeeting")}
                      </Link>
                    )}
                  </li>
                ))}
              </ul>
            </section>
            {chosen !== null && <AgencyPanel key={chosen} councilId={chosen} canAdd={writable} />}
            {chosen !== null && writable && <MemberImport key={chosen} councilId={chosen} />}
          </>
        )}
      </main>
    </div>
  );
}
