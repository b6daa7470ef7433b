// The secretariat's decision on a question: its topic, then accept it for the floor, leave it to
// a written answer, or refuse it with a reason.
import { useState } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { decide } from "./api";
import { decisionsFor } from "./questions";
import { TopicSelect } from "./TopicSelect";
import type { Decision, Question, Topic } from "./types";

export function DecisionBar({ question, topics }: { question: Question; topics: Topic[] }) {
  const { t } = useI18n();
  const [topicId, setTopicId] = useState(question.topic_id ? String(question.topic_id) : "");
  const [reason, setReason] = useState("");
  const { busy, error, run } = useAction();
  const decisions = decisionsFor(question);
  if (decisions.length === 0) return null;
  const apply = (decision: Decision) => void run(() => decide(question.id, decision, topicId ? Number(topicId) : null, reason.trim()));
  return (
    <div className="question__actions">
      <TopicSelect topics={topics} value={topicId} onChange={setTopicId} />
      {decisions.includes("accepted") && (
        <button type="button" className="button button--primary" disabled={busy} onClick={() => apply("accepted")}>
          {t("question.accept")}
        </button>
      )}
      {decisions.includes("written") && (
        <button type="button" className="button" disabled={busy} onClick={() => apply("written")}>
          {t("question.toWritten")}
        </button>
      )}
      {decisions.includes("rejected") && (
        <>
          <label className="field">
            <span>{t("question.reason")}</span>
            <input value={reason} onChange={(event) => setReason(event.target.value)} />
          </label>
          <button type="button" className="button button--danger" disabled={busy || !reason.trim()} onClick={() => apply("rejected")}>
            {t("question.reject")}
          </button>
        </>
      )}
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
