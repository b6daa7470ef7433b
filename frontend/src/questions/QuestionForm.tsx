// A deputy's phiếu chất vấn: to a respondent or a whole agency, optionally under a topic.
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { submitQuestion } from "./api";
import { addresseeOptions, parseAddressee } from "./questions";
import { TopicSelect } from "./TopicSelect";
import type { AgencyOption, Topic } from "./types";

export function QuestionForm({ meetingId, agencies, topics }: { meetingId: number; agencies: AgencyOption[]; topics: Topic[] }) {
  const { t } = useI18n();
  const [to, setTo] = useState("");
  const [topicId, setTopicId] = useState("");
  const [text, setText] = useState("");
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useAction();
  const addressee = parseAddressee(to);

  function send(event: FormEvent) {
    event.preventDefault();
    if (!addressee || !text.trim()) return;
    setSent(false);
    void run(() => submitQuestion(meetingId, text.trim(), addressee, topicId ? Number(topicId) : null)).then((done) => {
      if (!done) return;
      setText("");
      setSent(true);
    });
  }

  return (
    <form className="question-form" onSubmit={send} aria-label={t("question.write")}>
      <h3>{t("question.write")}</h3>
      <div className="field-row">
        <label className="field">
          <span>{t("question.to")}</span>
          <select required value={to} onChange={(event) => setTo(event.target.value)}>
            <option value="">{t("question.chooseAddressee")}</option>
            {addresseeOptions(agencies).map(({ agency, options }) => (
              <optgroup key={agency.id} label={agency.name}>
                {options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <TopicSelect topics={topics} value={topicId} onChange={setTopicId} />
      </div>
      <label className="field">
        <span>{t("question.text")}</span>
        <textarea required value={text} maxLength={10_000} onChange={(event) => setText(event.target.value)} />
      </label>
      {error && <ErrorNotice message={error} />}
      {sent && <p className="notice" role="status">{t("question.sent")}</p>}
      <div>
        <button type="submit" className="button button--primary" disabled={busy || !addressee || !text.trim()}>
          {t("question.send")}
        </button>
      </div>
    </form>
  );
}
