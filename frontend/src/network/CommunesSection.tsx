// "Các xã, phường" on the home screen: for a province's secretary or chair, its communes, each
// with its published public meetings (loaded when the commune is opened), opened in the guest
// view of the meeting screen. Nothing at all for anyone else.
import { useId, useState } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import type { CouncilRef, Me } from "../api/types";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { remembered } from "../offline/remembered";
import { isReadOnly, unitKindLabel } from "../secretariat/councils";
import { filterCommunes, latestFirst, mayOversee, overseenCommunes } from "./communes";
import "./communes.css";

function CommuneMeetings({ communeId }: { communeId: number }) {
  const { t, formatDateTime } = useI18n();
  const meetings = useAsync(
    () => call(api.GET("/api/v1/councils/{council_id}/meetings", { params: { path: { council_id: communeId } } })),
    [communeId],
  );
  if (meetings.error != null) {
    return <ErrorNotice message={messageOf(meetings.error, t("communes.meetingsError"))} onRetry={meetings.reload} retryLabel={t("common.retry")} />;
  }
  if (!meetings.data) return <p className="loading">{t("common.loading")}</p>;
  const items = latestFirst(meetings.data.items);
  if (items.length === 0) return <p className="empty">{t("communes.noMeetings")}</p>;
  return (
    <ul className="commune__meetings">
      {items.map((meeting) => (
        <li key={meeting.id}>
          <Link className="commune-meeting" href={paths.meeting(meeting.id)}>
            <span className="commune-meeting__title">{meeting.title}</span>
            <span className="commune-meeting__meta">
              <span className={`badge badge--${meeting.state}`}>{t(`meeting.state.${meeting.state}`)}</span>
              <span>{formatDateTime(meeting.starts_at)}</span>
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

function CommuneRow({ commune }: { commune: CouncilRef }) {
  const { t } = useI18n();
  // Loaded the first time it is opened, and kept: 130 communes are not asked for at once.
  const [opened, setOpened] = useState(false);
  return (
    <li className="card commune">
      <details onToggle={(event) => event.currentTarget.open && setOpened(true)}>
        <summary className="commune__summary">
          <span className="commune__name">{commune.name}</span>
          <span className="commune__kind">{unitKindLabel(t, commune)}</span>
          {isReadOnly(commune) && <span className="commune__dissolved">{t("council.dissolvedShort")}</span>}
        </summary>
        <div className="commune__body">{opened && <CommuneMeetings communeId={commune.id} />}</div>
      </details>
    </li>
  );
}

export function CommunesSection({ me }: { me: Me | null }) {
  const { t } = useI18n();
  const asks = mayOversee(me);
  const filterId = useId();
  const [query, setQuery] = useState("");
  // Remembered like the list of meetings, so an offline start still lists the communes.
  const councils = useAsync(
    () => (asks ? remembered("councils", () => call(api.GET("/api/v1/councils"))) : Promise.resolve({ items: [] })),
    [asks],
  );
  if (!asks) return null;
  if (councils.error != null && !councils.data) {
    return (
      <section className="communes" aria-labelledby={`${filterId}-title`}>
        <h2 id={`${filterId}-title`}>{t("communes.title")}</h2>
        <ErrorNotice message={messageOf(councils.error, t("communes.error"))} onRetry={councils.reload} retryLabel={t("common.retry")} />
      </section>
    );
  }
  if (!councils.data) return null;
  const communes = overseenCommunes(me, councils.data.items);
  if (communes.length === 0) return null;
  const shown = filterCommunes(communes, query);
  return (
    <section className="communes" aria-labelledby={`${filterId}-title`}>
      <div className="communes__head">
        <h2 id={`${filterId}-title`}>{t("communes.title")}</h2>
        <span className="muted communes__count">
          {query.trim() === "" ? t("communes.count", { count: communes.length }) : t("communes.shown", { shown: shown.length, count: communes.length })}
        </span>
      </div>
      <label className="field communes__filter" htmlFor={filterId}>
        <span>{t("communes.filter")}</span>
        <input id={filterId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder={t("communes.filterHint")} autoComplete="off" />
      </label>
      {shown.length === 0 ? (
        <p className="empty">{t("communes.noMatch", { query: query.trim() })}</p>
      ) : (
        <ul className="commune-list">
          {shown.map((commune) => (
            <CommuneRow key={commune.id} commune={commune} />
          ))}
        </ul>
      )}
    </section>
  );
}
