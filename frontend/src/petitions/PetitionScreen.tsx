// One petition: its sources, answers (with the agency's letter) and reviews; the agency's answer
// form, the Thường trực's review.
import { useState, type FormEvent } from "react";
import { messageOf } from "../api/errors";
import { paths } from "../app/routes";
import { canChair, canManage } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAction } from "../components/useAction";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../kit/days";
import { AnswerFile } from "../questions/AnswerFile";
import { getPetition, respond, review } from "./api";
import { PetitionLine } from "./PetitionLine";
import { mayAnswer, mayReview, responseBody, vietnamDay } from "./petitions";
import { RESPONSE_STATUSES, type PetitionDetail, type ResponseStatus } from "./types";
import "./petitions.css";

function AnswerForm({ petitionId, onAnswered }: { petitionId: number; onAnswered: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ResponseStatus>("resolved");
  const [text, setText] = useState("");
  const [plan, setPlan] = useState("");
  const [pdf, setPdf] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const { busy, error, run } = useAction();
  const ready = text.trim() !== "" && (status !== "in_progress" || plan !== "");
  function send(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    void run(() => respond(petitionId, responseBody(status, text, plan), pdf, setProgress)).then((ok) => {
      setProgress(null);
      if (ok) onAnswered();
    });
  }
  return (
    <form className="panel petition-form" aria-label={t("petition.answer")} onSubmit={send}>
      <h2>{t("petition.answer")}</h2>
      <label className="field">
        <span>{t("petition.answerStatus")}</span>
        <select value={status} onChange={(event) => setStatus(event.target.value as ResponseStatus)}>
          {RESPONSE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`petition.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      {status === "in_progress" && (
        <label className="field">
          <span>{t("petition.planDue")}</span>
          <input type="date" required value={plan} onChange={(event) => setPlan(event.target.value)} />
        </label>
      )}
      <label className="field">
        <span>{t("petition.answerText")}</span>
        <textarea required maxLength={10_000} value={text} onChange={(event) => setText(event.target.value)} />
      </label>
      <label className="field">
        <span>{t("petition.answerFile")}</span>
        <input type="file" accept="application/pdf,.pdf" onChange={(event) => setPdf(event.target.files?.[0] ?? null)} />
      </label>
      {progress !== null && pdf && <progress max={1} value={progress} aria-label={t("answer.uploading")} />}
      {error && <ErrorNotice message={error} />}
      <div>
        <button type="submit" className="button button--primary" disabled={busy || !ready}>
          {t("petition.sendAnswer")}
        </button>
      </div>
    </form>
  );
}

function ReviewForm({ petitionId, onReviewed }: { petitionId: number; onReviewed: (accepted: boolean) => void }) {
  const { t } = useI18n();
  const [comment, setComment] = useState("");
  const { busy, error, run } = useAction();
  const decide = (accepted: boolean) => void run(() => review(petitionId, accepted, comment.trim())).then((ok) => ok && onReviewed(accepted));
  return (
    <section className="panel petition-form" aria-label={t("petition.review")}>
      <h2>{t("petition.review")}</h2>
      <label className="field">
        <span>{t("petition.reviewComment")}</span>
        <textarea maxLength={10_000} value={comment} onChange={(event) => setComment(event.target.value)} />
      </label>
      <p className="muted">{t("petition.sendBackHint")}</p>
      {error && <ErrorNotice message={error} />}
      <div className="petition-selection__actions">
        <button type="button" className="button button--primary" disabled={busy} onClick={() => decide(true)}>
          {t("petition.accept")}
        </button>
        <button type="button" className="button" disabled={busy || !comment.trim()} onClick={() => decide(false)}>
          {t("petition.sendBack")}
        </button>
      </div>
    </section>
  );
}

function History({ data }: { data: PetitionDetail }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-label={t("petition.responses")}>
      <h2>{t("petition.responses")}</h2>
      {data.responses.length === 0 && <p className="muted">{t("petition.noResponses")}</p>}
      <ul className="petition-history" aria-label={t("petition.responses")}>
        {data.responses.map((r) => (
          <li key={r.id} className="petition-history__item">
            <p>
              <span className={`badge badge--status-${r.status}`}>{t(`petition.status.${r.status}`)}</span> <span className="muted">{formatDay(vietnamDay(r.created_at))}</span>
              {r.plan_due_on ? <span> · {t("petition.plan", { day: formatDay(r.plan_due_on) })}</span> : null}
            </p>
            <p className="petition__text">{r.text}</p>
            {r.attachment && <AnswerFile url={r.attachment.url} filename={r.attachment.filename} />}
          </li>
        ))}
      </ul>
      {data.reviews.length > 0 && (
        <>
          <h3>{t("petition.reviews")}</h3>
          <ul className="petition-history" aria-label={t("petition.reviews")}>
            {data.reviews.map((r) => (
              <li key={r.id} className="petition-history__item">
                <strong>{r.accepted ? t("petition.accepted") : t("petition.sentBack")}</strong> <span className="muted">{formatDay(vietnamDay(r.created_at))}</span>
                {r.comment ? `: ${r.comment}` : ""}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export default function PetitionScreen({ petitionId }: { petitionId: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const petition = useAsync(() => getPetition(petitionId), [petitionId]);
  const [notice, setNotice] = useState<string | null>(null);
  const data = petition.data;
  const councilId = data?.council_id ?? 0;
  const reviewer = canChair(me, councilId);
  const answerer = canManage(me, councilId) || !!me?.memberships.some((m) => m.council_id === councilId && m.role === "respondent");
  function done(message: string) {
    setNotice(message);
    petition.reload();
  }
  return (
    <div className="screen">
      <TopBar title={t("petition.number", { id: petitionId })} backTo={data ? paths.petitions(councilId) : paths.meetings()} />
      <main className="petitions-page">
        {petition.error != null && <ErrorNotice message={messageOf(petition.error, t("common.error"))} onRetry={petition.reload} retryLabel={t("common.retry")} />}
        {petition.loading && !data && <p className="loading">{t("common.loading")}</p>}
        {data && (
          <>
            <ul className="petition-list">
              <PetitionLine petition={data} />
            </ul>
            {notice && (
              <p className="notice notice--info" role="status">
                {notice}
              </p>
            )}
            {data.merged_into_id && <p className="notice notice--info">{t("petition.mergedInto", { id: data.merged_into_id })}</p>}
            <section className="panel" aria-label={t("petition.sourcesTitle")}>
              <h2>{t("petition.sourcesTitle")}</h2>
              <ul>
                {data.sources.map((s) => (
                  <li key={s.id}>
                    {s.place ? `${s.place}${s.held_on ? ` (${formatDay(s.held_on)})` : ""}: ` : ""}
                    {s.text}
                    {s.locality ? <span className="muted"> · {s.locality}</span> : null}
                  </li>
                ))}
              </ul>
            </section>
            <History data={data} />
            {answerer && mayAnswer(data.state) && <AnswerForm key={data.responses.length} petitionId={petitionId} onAnswered={() => done(t("petition.answered"))} />}
            {reviewer && mayReview(data.state) && (
              <ReviewForm key={data.reviews.length} petitionId={petitionId} onReviewed={(accepted) => done(accepted ? t("petition.closedNotice") : t("petition.sentBackNotice"))} />
            )}
          </>
        )}
      </main>
    </div>
  );
}
