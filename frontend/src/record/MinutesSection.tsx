// "Biên bản kỳ họp" on the secretariat's meeting screen: the state, the files, for each agenda
// item (in agenda order, with its number) the summary of its discussion (autosaved while a
// draft, read-only once final), and "Hoàn thành biên bản" once the meeting is closed.
import { messageOf } from "../api/errors";
import type { AgendaItem, Meeting } from "../api/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import { itemLabel } from "../meeting/selectors";
import { MinutesDownloads } from "./MinutesDownloads";
import { MinutesFinalize } from "./MinutesFinalize";
import { MinutesHead } from "./MinutesHead";
import { noteText } from "./minutes";
import { MinutesNoteField } from "./MinutesNoteField";
import type { Minutes } from "./types";
import { useMinutes } from "./useMinutes";
import "./record.css";

function FinalNotes({ agenda, minutes }: { agenda: AgendaItem[]; minutes: Minutes }) {
  const { t } = useI18n();
  return (
    <>
      <p className="muted">{t("minutes.readOnly")}</p>
      <ol className="minutes-notes">
        {agenda.map((item) => (
          <li key={item.id} className="minutes-note">
            <span className="minutes-note__item">{itemLabel(item)}</span>
            <p className="minutes-note__text">{noteText(minutes, item.id) || t("minutes.noNote")}</p>
          </li>
        ))}
      </ol>
    </>
  );
}

export function MinutesSection({ meeting, agenda, live }: { meeting: Meeting; agenda: AgendaItem[]; live: Minutes | null }) {
  const { t } = useI18n();
  const { minutes, error, reload } = useMinutes(meeting.id, live);
  return (
    <section className="panel minutes" aria-labelledby="minutes-title">
      <h2 id="minutes-title">{t("minutes.title")}</h2>
      {error != null && <ErrorNotice message={messageOf(error, t("common.error"))} onRetry={reload} retryLabel={t("common.retry")} />}
      {!minutes ? (
        error == null && <p className="loading">{t("common.loading")}</p>
      ) : (
        <>
          <MinutesHead meetingId={meeting.id} minutes={minutes} />
          <MinutesDownloads meetingId={meeting.id} draft={minutes.state === "draft"} />
          {agenda.length === 0 ? (
            <p className="empty">{t("minutes.noAgenda")}</p>
          ) : minutes.state === "final" ? (
            <FinalNotes agenda={agenda} minutes={minutes} />
          ) : (
            <ol className="minutes-notes">
              {agenda.map((item) => (
                <MinutesNoteField key={item.id} meetingId={meeting.id} item={item} serverText={noteText(minutes, item.id)} />
              ))}
            </ol>
          )}
          {minutes.state === "draft" && <MinutesFinalize meeting={meeting} minutes={minutes} />}
        </>
      )}
    </section>
  );
}
