// A written answer: its text and, optionally, the signed PDF (by the respondent, or by the
// secretariat on their behalf).
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { sendAnswer } from "./api";
import type { Question } from "./types";

export function AnswerForm({ question, onAnswered, label }: { question: Question; onAnswered?: () => void; label?: string }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [pdf, setPdf] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const { busy, error, run } = useAction();

  function send(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    void run(() => sendAnswer(question.id, text.trim(), pdf, setProgress)).then((done) => {
      setProgress(null);
      if (done) onAnswered?.();
    });
  }

  return (
    <form className="question-subform" onSubmit={send} aria-label={t("answer.formFor", { number: question.number })}>
      <label className="field">
        <span>{label ?? t("answer.text")}</span>
        <textarea required value={text} maxLength={10_000} onChange={(event) => setText(event.target.value)} />
      </label>
      <label className="field">
        <span>{t("answer.file")}</span>
        <input type="file" accept="application/pdf,.pdf" onChange={(event) => setPdf(event.target.files?.[0] ?? null)} />
      </label>
      {progress !== null && pdf && <progress max={1} value={progress} aria-label={t("answer.uploading")} />}
      {error && <ErrorNotice message={error} />}
      <div>
        <button type="submit" className="button button--primary" disabled={busy || !text.trim()}>
          {t("answer.send")}
        </button>
      </div>
    </form>
  );
}
