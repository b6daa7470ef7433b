// The "Chất vấn" section of the deputy's tablet: write a phiếu chất vấn, follow the meeting's
// questions (live: the snapshot's questions and question.updated).
import { useEffect } from "react";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { listAgencies, listTopics } from "./api";
import { QuestionCard } from "./QuestionCard";
import { QuestionForm } from "./QuestionForm";
import { topicTitle } from "./questions";

export function QuestionsSection({ meetingId, councilId, mayAsk }: { meetingId: number; councilId: number; mayAsk: boolean }) {
  const { t } = useI18n();
  const { state } = useLiveMeeting();
  const open = state.meeting?.state === "published" || state.meeting?.state === "in_progress";
  const agencies = useAsync(() => (mayAsk ? listAgencies(councilId) : Promise.resolve([])), [councilId, mayAsk]);
  const topics = useAsync(() => listTopics(meetingId), [meetingId]);
  const questions = state.questions;
  // A question put under a topic this screen has not loaded yet: the topics are loaded again.
  const missingTopic = questions.find((question) => question.topic_id !== null && !topicTitle(topics.data ?? [], question.topic_id))?.topic_id ?? null;
  const reloadTopics = topics.reload;
  const loaded = topics.data !== null;
  useEffect(() => {
    if (loaded && missingTopic !== null) reloadTopics();
  }, [loaded, missingTopic, reloadTopics]);
  return (
    <section className="panel questions-section" aria-labelledby="questions-title">
      <div className="panel__header">
        <h2 id="questions-title">{t("question.title")}</h2>
        <Link className="button button--ghost" href={paths.commitments(councilId)}>
          {t("commitment.title")}
        </Link>
      </div>
      {mayAsk && open && <QuestionForm meetingId={meetingId} agencies={agencies.data ?? []} topics={topics.data ?? []} />}
      <h3>{t("question.ofMeeting")}</h3>
      {questions.length === 0 ? (
        <p className="empty">{t("question.none")}</p>
      ) : (
        <ul className="question-list">
          {questions.map((question) => (
            <QuestionCard key={question.id} question={question} topic={topicTitle(topics.data ?? [], question.topic_id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
