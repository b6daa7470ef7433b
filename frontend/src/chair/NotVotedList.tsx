// Who has not voted yet, for an open (named) poll: GET /api/v1/polls/{id}/voters, read again on
// every poll.progress event. A secret poll links no one to anything: counts only.
import { useEffect, useState } from "react";
import { ApiError, messageOf } from "../api/errors";
import { listVoters, type Poll, type PollId, type Voter } from "../api/voting";
import { useI18n } from "../i18n/I18nProvider";
import { summarizeVoters } from "./voters";

type Load = { kind: "loading" } | { kind: "names"; voters: Voter[] } | { kind: "secret" } | { kind: "error"; message: string };

export function NotVotedList({ poll }: { poll: Poll }) {
  const { t } = useI18n();
  // The last answer, for the poll it was about; a secret poll asks nothing.
  const [answer, setAnswer] = useState<{ pollId: PollId; load: Load } | null>(null);
  const load: Load = poll.secret ? { kind: "secret" } : answer?.pollId === poll.id ? answer.load : { kind: "loading" };
  const voted = poll.progress?.voted;
  const eligible = poll.progress?.eligible;

  useEffect(() => {
    if (poll.secret) return;
    let cancelled = false;
    const pollId = poll.id;
    listVoters(pollId).then(
      (voters) => !cancelled && setAnswer({ pollId, load: { kind: "names", voters } }),
      (failure: unknown) => {
        if (cancelled) return;
        if (failure instanceof ApiError && failure.code === "poll_is_secret") setAnswer({ pollId, load: { kind: "secret" } });
        // A failed re-read keeps the names already shown.
        else setAnswer((last) => (last?.pollId === pollId && last.load.kind === "names" ? last : { pollId, load: { kind: "error", message: messageOf(failure, t("common.error")) } }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [poll.id, poll.secret, voted, eligible, t]);

  if (load.kind === "secret") {
    return (
      <p className="not-voted not-voted--secret">
        {t("chair.secretCountsOnly", { voted: voted ?? 0, eligible: eligible ?? 0 })}
      </p>
    );
  }
  if (load.kind === "error") return <p className="notice notice--error">{load.message}</p>;
  if (load.kind === "loading") return <p className="loading">{t("common.loading")}</p>;
  const summary = summarizeVoters(load.voters);
  return (
    <section className="not-voted" aria-live="polite">
      <h3>{t("chair.notVoted", { count: summary.notVoted.length, total: summary.total })}</h3>
      {summary.notVoted.length === 0 ? (
        <p className="not-voted__all">✓ {t("chair.allVoted")}</p>
      ) : (
        <ul className="not-voted__names">
          {summary.notVoted.map((voter) => (
            <li key={voter.user_id}>{voter.full_name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
