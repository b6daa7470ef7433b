// One question as every screen shows it: number, state, who asks whom, its topic, the text,
// a refusal's reason, the written answer's due date (red when overdue), the answer and the
// commitments. Screens add their actions as children.
import type { ReactNode } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../kit/days";
import { AnswerFile } from "./AnswerFile";
import { CommitmentLine } from "./CommitmentLine";
import { addresseeLabel } from "./questions";
import type { Commitment, Question } from "./types";
import "./questions.css";

interface QuestionCardProps {
  question: Question;
  topic?: string | null;
  /** What a screen offers beside each commitment (the secretariat: mark it done). */
  commitmentActions?: (commitment: Commitment) => ReactNode;
  children?: ReactNode;
}

export function QuestionCard({ question, topic, commitmentActions, children }: QuestionCardProps) {
  const { t } = useI18n();
  const { answer } = question;
  return (
    <li className={`card question question--${question.state}${question.overdue ? " question--overdue" : ""}`} aria-label={t("question.numbered", { number: question.number })}>
      <div className="question__head">
        <span className="question__number">{t("question.numbered", { number: question.number })}</span>
        <span className={`badge badge--question-${question.state}`}>{t(`question.state.${question.state}`)}</span>
        {question.overdue && <span className="badge badge--overdue">{t("question.overdue")}</span>}
        {topic && <span className="badge">{t("question.topicNamed", { title: topic })}</span>}
      </div>
      <p className="question__people">
        {question.asker.full_name} → {addresseeLabel(question)}
      </p>
      <p className="question__text">{question.text}</p>
      {question.state === "rejected" && question.reason && <p className="question__reason">{t("question.reasonShown", { reason: question.reason })}</p>}
      {question.answer_due && (
        <p className={question.overdue ? "question__due question__due--overdue" : "question__due"}>{t("question.due", { day: formatDay(question.answer_due) })}</p>
      )}
      {answer && (
        <div className="question__answer">
          <strong>{answer.on_floor ? t("question.answeredOnFloor") : t("question.answeredInWriting")}</strong>
          {answer.answered_by && <span className="muted"> · {answer.answered_by.full_name}</span>}
          {answer.text && <p>{answer.text}</p>}
          {answer.file_url && <AnswerFile url={answer.file_url} filename={answer.filename} />}
        </div>
      )}
      {question.commitments.length > 0 && (
        <ul className="question__commitments" aria-label={t("commitment.title")}>
          {question.commitments.map((commitment) => (
            <CommitmentLine key={commitment.id} commitment={commitment}>
              {commitmentActions?.(commitment)}
            </CommitmentLine>
          ))}
        </ul>
      )}
      {children}
    </li>
  );
}
