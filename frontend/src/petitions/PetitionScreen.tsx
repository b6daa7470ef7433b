// One petition: its sources, answers and reviews; the agency's answer form, the review.
import { useState } from "react";
import { messageOf } from "../api/errors";
import { paths } from "../app/routes";
import { canChair, canManage } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAction } from "../components/useAction";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../questions/questions";
import { getPetition, respond, review } from "./api";
import { PetitionLine } from "./PetitionLine";
import { mayAnswer, mayReview, responseBody } from "./petitions";
import { RESPONSE_STATUSES, type ResponseStatus } from "./types";
import "./petitions.css";

export default function PetitionScreen({ petitionId }: { petitionId: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const petition = useAsync(() => getPetition(petitionId), [petitionId]);
  const [status, setStatus] = useState<ResponseStatus>("resolved");
  const [text, setText] = useState("");
  const [plan, setPlan] = useState("");
  const [comment, setComment] = useState("");
  const { busy, error, run } = useAction();
  const data = petition.data;
  const councilId = data?.council_id ?? 0;
  const reviewer = canChair(me, councilId);
  const answerer = canManage(me, councilId) || me?.memberships.some((m) => m.council_id === councilId && m.role === "respondent");
  return (
    <div className="screen">
      <TopBar title={t("petition.number", { id: petitionId })} backTo={data ? paths.petitions(councilId) : paths.meetings()} />
      <main className="petitions-page">
        {petition.error != null && <ErrorNotice message={messageOf(petition.error, t("common.error"))} onRetry={petition.reload} retryLabel={t("common.retry")} />}
        {data && (
          <>
            <ul className="petition-list">
              <PetitionLine petition={data} />
            </ul>
            {data.merged_into_id && <p className="notice notice--info">{t("petition.mergedInto", { id: data.merged_into_id })}</p>}
            <section className="panel" aria-label={t("petition.sourcesTitle")}>
              <h2>{t("petition.sourcesTitle")}</h2>
              <ul>{data.sources.map((s) => <li key={s.id}>{s.place ? `${s.place} (${s.held_on ? formatDay(s.held_on) : ""}): ` : ""}{s.text}</li>)}</ul>
            </section>
            <section className="panel" aria-label={t("petition.responses")}>
              <h2>{t("petition.responses")}</h2>
              <ul>{data.responses.map((r) => <li key={r.id}><strong>{t(`petition.status.${r.status}`)}</strong>{r.plan_due_on ? ` (${t("petition.plan", { day: formatDay(r.plan_due_on) })})` : ""}: {r.text}</li>)}</ul>
              <ul aria-label={t("petition.reviews")}>{data.reviews.map((r) => <li key={r.id}>{r.accepted ? t("petition.accepted") : t("petition.sentBack")}{r.comment ? `: ${r.comment}` : ""}</li>)}</ul>
            </section>
            {answerer && mayAnswer(data.state) && (
              <form className="panel" aria-label={t("petition.answer")} onSubmit={(event) => { event.preventDefault(); void run(() => respond(petitionId, responseBody(status, text, plan))).then((ok) => { if (ok) { setText(""); petition.reload(); } }); }}>
                <h2>{t("petition.answer")}</h2>
                <label className="field"><span>{t("petition.answerStatus")}</span>
                  <select value={status} onChange={(event) => setStatus(event.target.value as ResponseStatus)}>
                    {RESPONSE_STATUSES.map((s) => <option key={s} value={s}>{t(`petition.status.${s}`)}</option>)}
                  </select>
                </label>
                {status === "in_progress" && <label className="field"><span>{t("petition.planDue")}</span><input type="date" required value={plan} onChange={(event) => setPlan(event.target.value)} /></label>}
                <label className="field"><span>{t("petition.answerText")}</span><textarea required value={text} onChange={(event) => setText(event.target.value)} /></label>
                <button type="submit" className="button button--primary" disabled={busy || !text.trim()}>{t("petition.sendAnswer")}</button>
              </form>
            )}
            {reviewer && mayReview(data.state) && (
              <section className="panel" aria-label={t("petition.review")}>
                <h2>{t("petition.review")}</h2>
                <label className="field"><span>{t("petition.reviewComment")}</span><textarea value={comment} onChange={(event) => setComment(event.target.value)} /></label>
                <button type="button" className="button button--primary" disabled={busy} onClick={() => void run(() => review(petitionId, true, comment)).then((ok) => ok && petition.reload())}>{t("petition.accept")}</button>
                <button type="button" className="button" disabled={busy} onClick={() => void run(() => review(petitionId, false, comment)).then((ok) => { if (ok) { setComment(""); petition.reload(); } })}>{t("petition.sendBack")}</button>
              </section>
            )}
            {error && <ErrorNotice message={error} />}
          </>
        )}
      </main>
    </div>
  );
}
