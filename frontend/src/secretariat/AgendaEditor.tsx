// The agenda: arrange it (drag, or the buttons of each row) and add items (top level or under
// another item). The agenda itself arrives live.
import { useState, type FormEvent } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import type { AgendaItem } from "../api/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import { AgendaItemSelect } from "./AgendaItemSelect";
import { AgendaOrganizer } from "./AgendaOrganizer";

export function AgendaEditor({ meetingId, agenda }: { meetingId: number; agenda: AgendaItem[] }) {
  const { t } = useI18n();
  const [title, setTitle] = useState("");
  const [presenter, setPresenter] = useState("");
  const [parentId, setParentId] = useState<number | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    setSending(true);
    setError(null);
    try {
      await call(
        api.POST("/api/v1/meetings/{meeting_id}/agenda", {
          params: { path: { meeting_id: meetingId } },
          body: { title: title.trim(), presenter: presenter.trim(), parent_id: parentId },
        }),
      );
      // The next item starts afresh: top level, so it does not silently become 2.2, 2.3…
      setTitle("");
      setPresenter("");
      setParentId(null);
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
    } finally {
      setSending(false);
    }
  }

  return (
    <section className="panel">
      <h2>{t("meeting.agenda")}</h2>
      <AgendaOrganizer meetingId={meetingId} agenda={agenda} />
      <form className="agenda-form" onSubmit={(event) => void add(event)}>
        <h3>{t("secretariat.addItem")}</h3>
        <label className="field">
          <span>{t("secretariat.itemTitle")}</span>
          <input required value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <div className="field-row">
          <AgendaItemSelect label={t("secretariat.parent")} noneLabel={t("secretariat.topLevel")} agenda={agenda} value={parentId} onChange={setParentId} />
          <label className="field">
            <span>{t("secretariat.presenter")}</span>
            <input value={presenter} onChange={(event) => setPresenter(event.target.value)} />
          </label>
        </div>
        {error && <ErrorNotice message={error} />}
        <button type="submit" className="button button--primary" disabled={sending}>
          {t("secretariat.addItem")}
        </button>
      </form>
    </section>
  );
}
