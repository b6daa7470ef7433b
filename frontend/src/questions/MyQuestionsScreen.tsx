// "Câu hỏi chất vấn của tôi": what I must answer (as a respondent), overdue and soonest due
// first, each with an answer form while it waits; and what I asked.
import { messageOf } from "../api/errors";
import { paths } from "../app/routes";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { AnswerForm } from "./AnswerForm";
import { myQuestions } from "./api";
import { QuestionCard } from "./QuestionCard";
import { mayAnswer, toAnswerFirst } from "./questions";
import type { Question } from "./types";

function QuestionGroup({ title, questions, answerable, onAnswered }: { title: string; questions: Question[]; answerable: boolean; onAnswered: () => void }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      {questions.length === 0 ? (
        <p className="empty">{t("question.none")}</p>
      ) : (
        <ul className="question-list">
          {questions.map((question) => (
            <QuestionCard key={question.id} question={question}>
              {answerable && mayAnswer(question) && <AnswerForm question={question} onAnswered={onAnswered} />}
            </QuestionCard>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function MyQuestionsScreen() {
  const { t } = useI18n();
  const { me } = useSession();
  const questions = useAsync(() => myQuestions(), []);
  const all = toAnswerFirst(questions.data ?? []);
  const asked = all.filter((question) => question.asker.user_id === me?.id);
  const toAnswer = all.filter((question) => question.asker.user_id !== me?.id);
  return (
    <div className="screen">
      <TopBar title={t("question.mine")} backTo={paths.meetings()} />
      <main className="questions-page">
        {questions.loading && !questions.data && <p className="loading">{t("common.loading")}</p>}
        {questions.error != null && <ErrorNotice message={messageOf(questions.error, t("common.error"))} onRetry={questions.reload} retryLabel={t("common.retry")} />}
        {questions.data && (
          <>
            {(toAnswer.length > 0 || asked.length === 0) && <QuestionGroup title={t("question.toAnswer")} questions={toAnswer} answerable onAnswered={questions.reload} />}
            {asked.length > 0 && <QuestionGroup title={t("question.myAsked")} questions={asked} answerable={false} onAnswered={questions.reload} />}
          </>
        )}
      </main>
    </div>
  );
}
