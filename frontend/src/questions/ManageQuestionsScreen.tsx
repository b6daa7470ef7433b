// The secretariat's questioning for one meeting: topics, every question with its decision
// (topic, accept, written answer, refuse), answers on a respondent's behalf, commitments.
// Live: the meeting's questions come with the snapshot and question.updated.
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { AnswerForm } from "./AnswerForm";
import { listAgencies, listTopics } from "./api";
import { CommitmentDone } from "./CommitmentDone";
import { CommitmentForm } from "./CommitmentForm";
import { DecisionBar } from "./DecisionBar";
import { QuestionCard } from "./QuestionCard";
import { mayAnswer, mayCommit, topicTitle } from "./questions";
import { TopicEditor } from "./TopicEditor";
import type { Question, Topic } from "./types";

function ManagedQuestion({ question, topics }: { question: Question; topics: Topic[] }) {
  const { t } = useI18n();
  return (
    <QuestionCard question={question} topic={topicTitle(topics, question.topic_id)} commitmentActions={(commitment) => <CommitmentDone commitment={commitment} />}>
      <DecisionBar key={`${question.state}:${question.topic_id ?? ""}`} question={question} topics={topics} />
      {mayAnswer(question) && (
        <details>
          <summary>{t("answer.onBehalf")}</summary>
          <AnswerForm question={question} />
        </details>
      )}
      {mayCommit(question) && (
        <details>
          <summary>{t("commitment.new")}</summary>
          <CommitmentForm question={question} />
        </details>
      )}
    </QuestionCard>
  );
}

export default function ManageQuestionsScreen({ meetingId }: { meetingId: number }) {
  const { t } = useI18n();
  const { state, status } = useLiveMeeting();
  const meeting = state.meeting;
  const councilId = meeting?.council_id ?? null;
  const topics = useAsync(() => listTopics(meetingId), [meetingId]);
  const agencies = useAsync(() => (councilId === null ? Promise.resolve([]) : listAgencies(councilId)), [councilId]);
  const topicList = topics.data ?? [];
  return (
    <div className="screen">
      <TopBar title={t("question.manageTitle")} subtitle={meeting?.title} backTo={paths.manage(meetingId)}>
        <ConnectionIndicator status={status} />
        {councilId !== null && (
          <Link className="button" href={paths.commitments(councilId)}>
            {t("commitment.title")}
          </Link>
        )}
      </TopBar>
      <main className="questions-page">
        {meeting && meeting.state !== "closed" && <TopicEditor meetingId={meetingId} topics={topicList} agencies={agencies.data ?? []} onChanged={topics.reload} />}
        <section className="panel" aria-labelledby="manage-questions-title">
          <h2 id="manage-questions-title">{t("question.ofMeeting")}</h2>
          {state.questions.length === 0 ? (
            <p className="empty">{t("question.none")}</p>
          ) : (
            <ul className="question-list">
              {state.questions.map((question) => (
                <ManagedQuestion key={question.id} question={question} topics={topicList} />
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
