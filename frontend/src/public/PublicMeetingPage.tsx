// The public live page (/public/meetings/<id>): for the press and citizens, without a login. It
// follows the live channel without a token, which gives the guest view of a published public
// meeting (never more): the meeting, the current item and the agenda, the documents' titles, the
// connection. The open data (GET /oparl/v1/meetings/<id>, no login either) adds each closed poll's
// result, those closed before this visit too, and the public documents' files: it is loaded when
// the page opens, when a poll closes and when the connection is back. Without it (it failed) the
// live part works as before, with a quiet note.
import { useState } from "react";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { currentItemId, findItem, itemLabel } from "../meeting/selectors";
import { PollProgress } from "../voting/PollProgress";
import { ResultChart } from "../voting/ResultChart";
import { fetchOparlMeeting } from "./oparl";
import {
  documentLinks,
  liveWatch,
  mergeResults,
  NO_OPEN_DATA,
  openDataOf,
  publicAvailability,
  rememberAnnounced,
  reloadsOpenData,
  whenAndWhere,
} from "./publicView";
import "../styles/public.css";

export default function PublicMeetingPage({ meetingId }: { meetingId: number }) {
  const { t, language, setLanguage, formatDateTime } = useI18n();
  const { state, status } = useLiveMeeting();
  // The live state holds the last poll only: the announced ones are kept for this visit.
  const [announced, setAnnounced] = useState(() => rememberAnnounced([], state.poll));
  const next = rememberAnnounced(announced, state.poll);
  if (next !== announced) setAnnounced(next);

  // The open data, loaded again when a poll closes or the connection is back.
  const openData = useAsync(async () => openDataOf(await fetchOparlMeeting(meetingId)), [meetingId]);
  const [watched, setWatched] = useState(() => liveWatch(status, state.poll));
  const watch = liveWatch(status, state.poll);
  if (watch.status !== watched.status || watch.closedPoll !== watched.closedPoll) {
    setWatched(watch);
    if (reloadsOpenData(watched, watch, openData.error !== null)) openData.reload();
  }
  const published = openData.data ?? NO_OPEN_DATA;
  const results = mergeResults(announced, published.results);

  const availability = publicAvailability(status, state.meeting);
  const meeting = availability === "shown" ? state.meeting : null;
  const closed = meeting?.state === "closed";
  const current = closed ? null : findItem(state.agenda, currentItemId(state));
  const open = state.poll?.state === "open" ? state.poll : null;
  const documents = documentLinks(state.documents, published.files);

  return (
    <div className="screen public">
      <header className="topbar">
        <div className="topbar__titles">
          <div className="topbar__subtitle">{t("public.label")}</div>
          <div className="topbar__title">{t("app.name")}</div>
        </div>
        <div className="topbar__actions">
          {availability !== "unavailable" && <ConnectionIndicator status={status} />}
          <button type="button" className="button button--ghost" lang={language === "vi" ? "en" : "vi"} onClick={() => setLanguage(language === "vi" ? "en" : "vi")}>
            {t("common.language")}
          </button>
        </div>
      </header>

      {availability === "unavailable" && (
        <main className="page page--center public__unavailable" role="alert">
          <h1>{t("public.unavailable")}</h1>
          <p className="muted">{t("public.unavailableHint")}</p>
        </main>
      )}
      {availability === "loading" && <main className="page loading">{t("common.loading")}</main>}

      {meeting && (
        <main className="page public__page">
          <section className="public__meeting">
            <span className={`badge badge--${meeting.state}`}>{t(`meeting.state.${meeting.state}`)}</span>
            <h1 className="public__title">{meeting.title}</h1>
            <p className="public__when">
              <span className="visually-hidden">{t("public.when")}: </span>
              {whenAndWhere(meeting, formatDateTime)}
            </p>
          </section>

          <section className={`card public__current${current ? "" : " public__current--none"}`} aria-live="polite">
            <div className="public__label">{closed ? t("display.closed") : current ? t("display.current") : t("display.waiting")}</div>
            {current && <p className="public__current-title">{itemLabel(current)}</p>}
            {current?.presenter && <p className="muted">{t("meeting.presenter", { name: current.presenter })}</p>}
            {open && (
              <div className="public__voting">
                <div className="public__label">{t("public.votingNow", { title: open.title })}</div>
                <PollProgress poll={open} />
              </div>
            )}
          </section>

          <div className="public__columns">
            <section className="card public__section">
              <h2>{t("meeting.agenda")}</h2>
              {state.agenda.length === 0 ? (
                <p className="empty">{t("meeting.agendaEmpty")}</p>
              ) : (
                <ol className="agenda public__agenda">
                  {state.agenda.map((item) => (
                    <li
                      key={item.id}
                      className={`agenda__item agenda__item--${item.state}`}
                      aria-current={item.state === "current" ? "step" : undefined}
                      style={{ paddingInlineStart: `${0.75 + item.depth * 1.5}rem` }}
                    >
                      <span className="agenda__number">{item.number}</span>
                      <span className="agenda__title">{item.title}</span>
                      {item.state === "current" && <span className="badge badge--current">{t("meeting.current")}</span>}
                    </li>
                  ))}
                </ol>
              )}
            </section>

            <section className="card public__section">
              <h2>{t("public.results")}</h2>
              {results.length === 0 ? (
                <p className="empty">{t("public.resultsEmpty")}</p>
              ) : (
                <ul className="public__results">
                  {results.map((shown) => (
                    <li key={shown.id} className="public__result">
                      <h3>{shown.title}</h3>
                      <ResultChart result={shown.result} />
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section className="card public__section">
              <h2>{t("public.documents")}</h2>
              {documents.length === 0 ? (
                <p className="empty">{t("public.documentsEmpty")}</p>
              ) : (
                <>
                  <ul className="public__documents">
                    {documents.map(({ document, href }) => (
                      <li key={document.id}>
                        {href ? (
                          <a className="public__document-title" href={href} target="_blank" rel="noopener">
                            {document.title}
                            <span className="visually-hidden"> ({t("public.documentOpens")})</span>
                          </a>
                        ) : (
                          <span className="public__document-title">{document.title}</span>
                        )}
                        <span className="muted"> · {t(`document.kind.${document.kind}`)}</span>
                      </li>
                    ))}
                  </ul>
                  <p className="muted">{t("public.documentsNote")}</p>
                </>
              )}
            </section>
          </div>
          {openData.error !== null && <p className="muted public__open-data-failed">{t("public.openDataFailed")}</p>}
        </main>
      )}
    </div>
  );
}
