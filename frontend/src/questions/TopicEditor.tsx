// The secretariat's topics (nhóm vấn đề chất vấn): the meeting's topics and who answers each,
// and a form for a new one.
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { createTopic } from "./api";
import type { AgencyOption, Topic } from "./types";

export function TopicEditor({ meetingId, topics, agencies, onChanged }: { meetingId: number; topics: Topic[]; agencies: AgencyOption[]; onChanged: () => void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState("");
  const [chosen, setChosen] = useState<number[]>([]);
  const { busy, error, run } = useAction();
  const toggle = (userId: number, on: boolean) => setChosen((known) => (on ? [...known, userId] : known.filter((id) => id !== userId)));

  function add(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    void run(() => createTopic(meetingId, title.trim(), chosen)).then((done) => {
      if (!done) return;
      setTitle("");
      setChosen([]);
      onChanged();
    });
  }

  const people = agencies.flatMap((agency) => (agency.respondents ?? []).map((person) => ({ ...person, agency: agency.name })));
  return (
    <section className="panel" aria-labelledby="topics-title">
      <h2 id="topics-title">{t("topic.title")}</h2>
      {topics.length === 0 ? (
        <p className="empty">{t("topic.none")}</p>
      ) : (
        <ul className="topic-list">
          {topics.map((topic) => (
            <li key={topic.id}>
              <strong>{topic.title}</strong>
              {topic.respondents.length > 0 && <span className="muted"> · {topic.respondents.map((person) => person.full_name).join(", ")}</span>}
            </li>
          ))}
        </ul>
      )}
      <form className="question-subform" onSubmit={add}>
        <label className="field">
          <span>{t("topic.new")}</span>
          <input required value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        {people.length > 0 && (
          <fieldset className="respondent-choices">
            <legend>{t("topic.respondents")}</legend>
            {people.map((person) => (
              <label key={person.user_id} className="toggle">
                <input type="checkbox" checked={chosen.includes(person.user_id)} onChange={(event) => toggle(person.user_id, event.target.checked)} />
                <span>
                  {person.full_name} <span className="muted">({person.agency})</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        {error && <ErrorNotice message={error} />}
        <div>
          <button type="submit" className="button" disabled={busy || !title.trim()}>
            {t("topic.add")}
          </button>
        </div>
      </form>
    </section>
  );
}
