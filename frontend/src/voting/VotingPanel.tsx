// The deputy's voting panel: it appears as soon as the chair opens a poll (live state), with big
// option buttons, a confirmation step, the countdown, and "Đã biểu quyết" afterwards.
import { useEffect, useReducer, useRef, useState } from "react";
import { ApiError, messageOf } from "../api/errors";
import { castBallot, getPoll, type Poll, type PollId } from "../api/voting";
import { hasVotingRight } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { ballotReducer, canSend, START, type BallotState } from "./ballotMachine";
import { ballotKey, readBallot, recordVote } from "./ballotMemory";
import { PollProgress } from "./PollProgress";
import { ResultChart } from "./ResultChart";

function initialBallot(poll: Poll): BallotState {
  const known = readBallot(localStorage, poll.id);
  return known?.voted ? { step: "voted", choice: known.choice } : START;
}

function labels(poll: Poll, choice: PollId[] | null): string {
  if (!choice) return "";
  return choice.map((id) => poll.options.find((option) => String(option.id) === String(id))?.label ?? String(id)).join(", ");
}

/** A 409 that says the poll is over, rather than that this deputy already voted. */
function isClosedConflict(error: ApiError): boolean {
  return error.status === 409 && /closed|not_open|draft/.test(error.code);
}

function Ballot({ poll }: { poll: Poll }) {
  const { t } = useI18n();
  const [state, dispatch] = useReducer(ballotReducer, poll, initialBallot);
  const inFlight = useRef(false);
  const maxChoices = Math.max(1, poll.max_choices ?? 1);

  // The server knows whether I voted (from another tablet, or before a reinstall).
  useEffect(() => {
    let cancelled = false;
    getPoll(poll.id).then(
      (fresh) => {
        if (cancelled || !fresh.me?.voted) return;
        recordVote(localStorage, poll.id, poll.secret, fresh.me.option_ids ?? null);
        dispatch({ type: "alreadyVoted", choice: poll.secret ? null : (fresh.me.option_ids ?? readBallot(localStorage, poll.id)?.choice ?? null) });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [poll.id, poll.secret]);

  async function send() {
    if (inFlight.current || !canSend(state)) return;
    inFlight.current = true;
    const choice = state.step === "confirming" || state.step === "failed" ? state.choice : [];
    dispatch({ type: "send" });
    try {
      await castBallot(poll.id, choice, ballotKey(localStorage, poll.id));
      recordVote(localStorage, poll.id, poll.secret, choice);
      dispatch({ type: "accepted" });
    } catch (failure) {
      const error = failure instanceof ApiError ? failure : null;
      if (error && error.status === 409 && !isClosedConflict(error)) {
        recordVote(localStorage, poll.id, poll.secret, null);
        dispatch({ type: "alreadyVoted", choice: null });
      } else {
        dispatch({ type: "refused", message: messageOf(failure, t("common.error")), outcomeUnknown: error ? error.outcomeUnknown : true });
      }
    } finally {
      inFlight.current = false;
    }
  }

  if (state.step === "voted") {
    return (
      <div className="ballot ballot--done" role="status">
        <div className="ballot__done">✓ {t("vote.done")}</div>
        {poll.secret ? (
          <p className="muted">{t("vote.secretDone")}</p>
        ) : (
          state.choice && <p className="ballot__choice">{t("vote.yourChoice", { choice: labels(poll, state.choice) })}</p>
        )}
      </div>
    );
  }

  const busy = state.step === "sending";
  const locked = busy || (state.step === "failed" && state.sameChoiceOnly);
  const selected = state.step === "choosing" ? state.selected : state.choice;

  return (
    <div className="ballot">
      {state.step === "confirming" || busy || locked ? (
        <div className="ballot__confirm">
          <p className="ballot__question">{t("vote.confirm", { choice: labels(poll, state.choice) })}</p>
          <div className="ballot__actions">
            <button type="button" className="button button--primary button--huge" disabled={busy} onClick={() => void send()}>
              {busy ? t("vote.sending") : state.step === "failed" ? t("common.retry") : t("vote.confirmSend")}
            </button>
            {!locked && (
              <button type="button" className="button button--large" onClick={() => dispatch({ type: "back" })}>
                {t("vote.change")}
              </button>
            )}
          </div>
          {state.step === "failed" && <p className="notice notice--error">{state.message}. {t("vote.failedRetry")}</p>}
        </div>
      ) : (
        <>
          <p className="ballot__question">{maxChoices > 1 ? t("vote.chooseUpTo", { count: maxChoices }) : t("vote.choose")}</p>
          <div className={`ballot__options ballot__options--${poll.options.length <= 3 ? "few" : "many"}`}>
            {poll.options.map((option, index) => (
              <button
                key={String(option.id)}
                type="button"
                className={`button option option--${index}${selected.includes(option.id) ? " option--selected" : ""}`}
                aria-pressed={selected.includes(option.id)}
                onClick={() => dispatch({ type: "toggle", optionId: option.id, maxChoices })}
              >
                {option.label}
              </button>
            ))}
          </div>
          {maxChoices > 1 && (
            <button
              type="button"
              className="button button--primary button--large"
              disabled={selected.length === 0}
              onClick={() => dispatch({ type: "review" })}
            >
              {t("vote.confirmSend")}
            </button>
          )}
          {state.step === "failed" && <p className="notice notice--error">{t("vote.refused", { message: state.message })}</p>}
        </>
      )}
    </div>
  );
}

/** Polls this page has seen open: only their result pops up when they close. A poll that closed
 * before the tablet connected (the snapshot keeps the last result) stays out of the way. */
const pollsSeenOpen = new Set<string>();

export function VotingPanel() {
  const { t } = useI18n();
  const { me } = useSession();
  const { state } = useLiveMeeting();
  const poll = state.poll;
  const [hiddenPoll, setHiddenPoll] = useState<string | null>(null);
  const [dismissedResult, setDismissedResult] = useState<string | null>(null);
  const pollKey = poll ? `${String(poll.id)}:${poll.state}` : null;

  // A newly opened poll always shows itself, even if the previous one was hidden.
  useEffect(() => {
    if (poll?.state === "open") setDismissedResult(null);
  }, [poll?.id, poll?.state]);

  if (poll?.state === "open") pollsSeenOpen.add(String(poll.id));
  if (!poll || poll.state === "draft") return null;
  if (poll.state === "closed" && (dismissedResult === String(poll.id) || !poll.result || !pollsSeenOpen.has(String(poll.id)))) return null;
  if (hiddenPoll === pollKey) {
    return (
      <button type="button" className="voting-pill" onClick={() => setHiddenPoll(null)}>
        {t("vote.show")}
      </button>
    );
  }

  const eligible = state.meeting ? hasVotingRight(me, state.meeting.council_id) : false;
  return (
    <aside className="voting-panel" role="dialog" aria-modal="false" aria-labelledby="voting-title">
      <div className="voting-panel__header">
        <div>
          <div className="voting-panel__kind">{poll.secret ? t("vote.secret") : t("vote.open")}</div>
          <h2 id="voting-title">{poll.title}</h2>
        </div>
        {poll.state === "open" ? (
          <button type="button" className="button button--ghost" onClick={() => setHiddenPoll(pollKey)}>
            {t("vote.hide")}
          </button>
        ) : (
          <button type="button" className="button button--ghost" onClick={() => setDismissedResult(String(poll.id))}>
            {t("common.close")}
          </button>
        )}
      </div>
      {poll.state === "open" && (
        <>
          <PollProgress poll={poll} />
          {eligible ? <Ballot key={String(poll.id)} poll={poll} /> : <p className="muted">{t("vote.notEligible")}</p>}
        </>
      )}
      {poll.state === "closed" && poll.result && (
        <>
          <p className="voting-panel__closed">{t("vote.closed")}</p>
          <ResultChart result={poll.result} />
        </>
      )}
    </aside>
  );
}
