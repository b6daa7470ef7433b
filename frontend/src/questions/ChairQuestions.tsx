// The chair's questioning (chất vấn) on the current item: for each question accepted for the
// floor, "Mời chất vấn" (its asker gets the floor), then "Mời trả lời" (its respondent) and
// "Chất vấn lại" (a follow-up); and the end of the turn of whoever speaks on a question.
import { useState } from "react";
import type { Speaker } from "../floor/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { callToFloor, stopSpeaker } from "./api";
import { questionOnFloor } from "./floor";
import { QuestionCard } from "./QuestionCard";
import { floorActionsFor, floorQuestions, type FloorAction } from "./questions";
import type { Question } from "./types";

const ACTION_KIND: Record<FloorAction, "question" | "answer"> = { ask: "question", answer: "answer", followUp: "question" };

interface ChairQuestionsProps {
  /** The current agenda item, where the question speakers go; null without one. */
  itemId: number | null;
  /** The current item's live list of speakers, when the console keeps one. */
  speakers?: Speaker[] | null;
}

export function ChairQuestions({ itemId, speakers = null }: ChairQuestionsProps) {
  const { t } = useI18n();
  const { state } = useLiveMeeting();
  const [lastStarted, setLastStarted] = useState<Speaker | null>(null);
  const { busy, error, run } = useAction();
  const questions = floorQuestions(state.questions);
  const onFloor = questionOnFloor(speakers, lastStarted);
  const inProgress = state.meeting?.state === "in_progress";
  if (questions.length === 0) return null;

  const call = (question: Question, action: FloorAction) => {
    if (itemId !== null) void run(async () => setLastStarted(await callToFloor(itemId, question.id, ACTION_KIND[action])));
  };
  const stop = (speaker: Speaker) => void run(async () => setLastStarted(await stopSpeaker(speaker.id)));

  return (
    <section className="card chair-questions" aria-labelledby="chair-questions-title">
      <h2 id="chair-questions-title">{t("question.floorTitle")}</h2>
      {itemId === null && <p className="muted">{t("question.needItem")}</p>}
      {error && <ErrorNotice message={error} />}
      <ul className="question-list">
        {questions.map((question) => (
          <QuestionCard key={question.id} question={question}>
            {onFloor?.question_id === question.id && (
              <p className="question__floor" role="status">
                {t(onFloor.kind === "answer" ? "question.answering" : "question.asking", { name: onFloor.full_name })}
              </p>
            )}
            <div className="question__actions">
              {floorActionsFor(question).map((action) => (
                <button key={action} type="button" className={action === "followUp" ? "button" : "button button--primary"} disabled={busy || !inProgress || itemId === null} onClick={() => call(question, action)}>
                  {t(`question.floor.${action}`)}
                </button>
              ))}
              {onFloor?.question_id === question.id && (
                <button type="button" className="button button--danger" disabled={busy} onClick={() => stop(onFloor)}>
                  {t("question.floor.stop")}
                </button>
              )}
            </div>
          </QuestionCard>
        ))}
      </ul>
    </section>
  );
}
