// The deputy's voting panel: it appears as soon as the chair opens a poll (live state), with the
// ballot, the countdown, and "Đã biểu quyết" afterwards; once closed, the result stays while the
// meeting is on the poll's item (also after a reload) until the deputy closes it.
import { useState } from "react";
import { hasVotingRight } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { displayContent } from "../display/displayMode";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { Ballot } from "./Ballot";
import { PollProgress } from "./PollProgress";
import { ResultChart } from "./ResultChart";
import { dismissResult, resultDismissed } from "./resultMemory";

export function VotingPanel() {
  const { t } = useI18n();
  const { me } = useSession();
  const { state } = useLiveMeeting();
  const poll = state.poll;
  const [hiddenPoll, setHiddenPoll] = useState<string | null>(null);
  const [dismissedResult, setDismissedResult] = useState<string | null>(null);
  const onScreen = displayContent(state).kind === "poll";
  const pollKey = poll ? `${String(poll.id)}:${poll.state}` : null;

  // A newly opened poll always shows itself, even if the previous one was hidden.
  if (poll?.state === "open" && dismissedResult !== null) setDismissedResult(null);

  if (!poll || poll.state === "draft" || !onScreen) return null;
  if (poll.state === "closed" && (dismissedResult === String(poll.id) || resultDismissed(localStorage, poll.id))) return null;
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
          <button type="button" className="button button--ghost" onClick={() => {
              dismissResult(localStorage, poll.id);
              setDismissedResult(String(poll.id));
            }}>
            {t("common.close")}
          </button>
        )}
      </div>
      {poll.state === "open" && <PollProgress poll={poll} />}
      {eligible ? <Ballot key={String(poll.id)} poll={poll} /> : poll.state === "open" && <p className="muted">{t("vote.notEligible")}</p>}
      {poll.state === "closed" && poll.result && (
        <>
          <p className="voting-panel__closed">{t("vote.closed")}</p>
          <ResultChart result={poll.result} />
        </>
      )}
    </aside>
  );
}
