// The deputy's ballot: big option buttons, a confirmation step whose control is inert for a
// moment after it appears (a double tap cannot send), and a ballot that could not be sent is
// sent again by itself — on a timer with backoff, when the network returns, when the live
// channel reconnects — with the same Idempotency-Key, until accepted, refused or the poll closes.
import { useEffect, useEffectEvent, useReducer, useRef, useState } from "react";
import { ApiError, messageOf } from "../api/errors";
import { castBallot, getPoll, type Poll, type PollId } from "../api/voting";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { ballotReducer, canSend, retryDelay, START, type BallotState } from "./ballotMachine";
import { ballotKey, readBallot, recordVote } from "./ballotMemory";

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

/** Whether the confirm control looks armed: from its armedAt on (sending checks the clock itself). */
function useArmed(state: BallotState): boolean {
  const [armed, setArmed] = useState<number | null>(null); // the armedAt that has come
  const armedAt = state.step === "confirming" ? state.armedAt : null;
  useEffect(() => {
    if (armedAt === null) return;
    const timer = setTimeout(() => setArmed(armedAt), Math.max(0, armedAt - Date.now()));
    return () => clearTimeout(timer);
  }, [armedAt]);
  return armedAt !== null && armed === armedAt;
}

/** Sends a waiting ballot again: after its backoff delay, when the browser is back online, and
 * when the live channel comes back. */
function useAutoRetry(state: BallotState, retry: () => void): void {
  const { status } = useLiveMeeting();
  const lastStatus = useRef(status);
  const waiting = state.step === "retrying";
  // The retry of the moment it fires (it reads the state of that moment).
  const retryNow = useEffectEvent(retry);
  useEffect(() => {
    const delay = retryDelay(state);
    if (delay === null) return;
    const again = () => retryNow();
    const timer = setTimeout(again, delay);
    globalThis.addEventListener("online", again);
    return () => {
      clearTimeout(timer);
      globalThis.removeEventListener("online", again);
    };
  }, [state]);
  useEffect(() => {
    if (waiting && status === "live" && lastStatus.current !== "live") retryNow();
    lastStatus.current = status;
  }, [status, waiting]);
}

export function Ballot({ poll }: { poll: Poll }) {
  const { t } = useI18n();
  const [state, dispatch] = useReducer(ballotReducer, poll, initialBallot);
  const maxChoices = Math.max(1, poll.max_choices ?? 1);
  const armed = useArmed(state);
  const closed = poll.state === "closed";

  // The server knows whether I voted (from another tablet, before a reinstall, or a ballot whose
  // answer was lost on the way): asked when the panel opens and when the poll closes.
  useEffect(() => {
    let cancelled = false;
    if (closed) dispatch({ type: "pollClosed" });
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
  }, [poll.id, poll.secret, closed]);

  async function deliver(choice: PollId[]) {
    try {
      await castBallot(poll.id, choice, ballotKey(localStorage, poll.id));
      recordVote(localStorage, poll.id, poll.secret, choice);
      dispatch({ type: "accepted" });
    } catch (failure) {
      const error = failure instanceof ApiError ? failure : null;
      if (error && isClosedConflict(error)) dispatch({ type: "pollClosed" });
      else if (error && error.status === 409) {
        recordVote(localStorage, poll.id, poll.secret, null);
        dispatch({ type: "alreadyVoted", choice: null });
      } else {
        dispatch({ type: "refused", message: messageOf(failure, t("common.error")), outcomeUnknown: error ? error.outcomeUnknown : true });
      }
    }
  }

  function send() {
    if (!canSend(state, Date.now()) || state.step !== "confirming") return;
    dispatch({ type: "send", now: Date.now() });
    void deliver(state.choice);
  }

  function retry() {
    if (state.step !== "retrying") return;
    dispatch({ type: "retry" });
    void deliver(state.choice);
  }

  useAutoRetry(state, retry);

  if (state.step === "closed") return <p className="notice notice--error ballot__line" role="status">{t("vote.closedUnsent")}</p>;
  if (closed) return null;
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

  if (state.step === "confirming" || state.step === "sending" || state.step === "retrying") {
    const busy = state.step === "sending";
    return (
      <div className="ballot ballot__confirm">
        <p className="ballot__question">{t("vote.confirm", { choice: labels(poll, state.choice) })}</p>
        {state.step === "retrying" ? (
          <p className="notice notice--warning ballot__line" role="status">
            {t("vote.retrying")}{" "}
            <button type="button" className="button" onClick={retry}>
              {t("vote.retryNow")}
            </button>
          </p>
        ) : (
          <div className="ballot__actions">
            <button
              type="button"
              className={`button button--primary button--huge ballot__send${armed ? "" : " ballot__send--arming"}`}
              disabled={busy}
              aria-disabled={!armed}
              onClick={send}
            >
              {busy ? t("vote.sending") : t("vote.confirmSend")}
            </button>
            {!busy && (
              <button type="button" className="button button--large" onClick={() => dispatch({ type: "back" })}>
                {t("vote.change")}
              </button>
            )}
          </div>
        )}
      </div>
    );
  }

  const selected = state.step === "choosing" ? state.selected : [];
  return (
    <div className="ballot">
      <p className="ballot__question">{maxChoices > 1 ? t("vote.chooseUpTo", { count: maxChoices }) : t("vote.choose")}</p>
      <div className={`ballot__options ballot__options--${poll.options.length <= 3 ? "few" : "many"}`}>
        {poll.options.map((option, index) => (
          <button
            key={String(option.id)}
            type="button"
            className={`button option option--${index}${selected.includes(option.id) ? " option--selected" : ""}`}
            aria-pressed={selected.includes(option.id)}
            onClick={() => dispatch({ type: "toggle", optionId: option.id, maxChoices, now: Date.now() })}
          >
            {option.label}
          </button>
        ))}
      </div>
      {maxChoices > 1 && (
        <button type="button" className="button button--primary button--large" disabled={selected.length === 0} onClick={() => dispatch({ type: "review", now: Date.now() })}>
          {t("vote.confirmSend")}
        </button>
      )}
      {state.step === "refused" && <p className="notice notice--error ballot__line" role="status">{t("vote.refused", { message: state.message.replace(/\.+$/, "") })}</p>}
    </div>
  );
}
