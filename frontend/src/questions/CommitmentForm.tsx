// The secretariat records what a respondent committed to (cam kết), with its due date.
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { addCommitment } from "./api";
import type { Question } from "./types";

export function CommitmentForm({ question }: { question: Question }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [due, setDue] = useState("");
  const { busy, error, run } = useAction();

  function add(event: FormEvent) {
    event.preventDefault();
    if (!text.trim() || !due) return;
    void run(() => addCommitment(question.id, text.trim(), due)).then((done) => {
      if (!done) return;
      setText("");
      setDue("");
    });
  }

  return (
    <form className="question-subform" onSubmit={add} aria-label={t("commitment.formFor", { number: question.number })}>
      <div className="field-row">
        <label className="field">
          <span>{t("commitment.text")}</span>
          <input required value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <label className="field">
          <span>{t("commitment.dueOn")}</span>
          <input required type="date" value={due} onChange={(event) => setDue(event.target.value)} />
        </label>
      </div>
      {error && <ErrorNotice message={error} />}
      <div>
        <button type="submit" className="button" disabled={busy || !text.trim() || !due}>
          {t("commitment.add")}
        </button>
      </div>
    </form>
  );
}
