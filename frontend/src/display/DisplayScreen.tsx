// The hall's big screen (/display/<meeting>): the current item in large type, the vote in
// progress, and the result as a bar chart with counts, base, required number and the verdict;
// while someone holds the floor, the speaker with the countdown and the next speakers.
import { ConnectionIndicator } from "../components/ConnectionIndicator";
import { DisplayFloor } from "../floor/DisplayFloor";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { presentSummary } from "../meeting/attendanceText";
import { currentItemId, findItem, itemLabel } from "../meeting/selectors";
import { displayContent } from "./displayMode";
import { PollProgress } from "../voting/PollProgress";
import { ResultChart } from "../voting/ResultChart";
import { useClock } from "./useClock";
import "../styles/display.css";

export default function DisplayScreen() {
  const { t, language } = useI18n();
  const { state, status } = useLiveMeeting();
  const now = useClock();
  const item = findItem(state.agenda, currentItemId(state));
  const closed = state.meeting?.state === "closed";
  const content = displayContent(state);
  const poll = content.kind === "poll" ? content.poll : null;
  const attendance = state.attendance;

  return (
    <div className="display">
      <header className="display__header">
        <span className="display__meeting">{state.meeting?.title ?? ""}</span>
        <span className="display__clock">{now.toLocaleTimeString(language === "vi" ? "vi-VN" : "en-GB", { hour: "2-digit", minute: "2-digit" })}</span>
        {status !== "live" && <ConnectionIndicator status={status} />}
      </header>

      <main className="display__main">
        {content.kind === "speaker" ? (
          <DisplayFloor speakers={state.speakers} itemLabel={item ? itemLabel(item) : null} />
        ) : poll ? (
          <section className="display__poll">
            <div className="display__label">{poll.state === "open" ? t("display.voting") : t("vote.closed")}</div>
            <h1 className="display__poll-title">{poll.title}</h1>
            {poll.state === "open" && <PollProgress poll={poll} large />}
            {poll.state === "closed" && poll.result && <ResultChart result={poll.result} large />}
          </section>
        ) : (
          <section className={`display__item${item && !closed ? "" : " display__waiting"}`}>
            <div className="display__label">{state.meeting?.state === "closed" ? t("display.closed") : item ? t("display.current") : t("display.waiting")}</div>
            {item && !closed && <h1 className="display__item-title">{itemLabel(item)}</h1>}
            {item?.presenter && !closed && <p className="display__presenter">{t("meeting.presenter", { name: item.presenter })}</p>}
          </section>
        )}
      </main>

      {attendance && (
        <footer className="display__footer">
          <span>{presentSummary(t, attendance)}</span>
          <span>{attendance.quorate ? t("attendance.quorate") : t("attendance.notQuorate")}</span>
          {poll?.state === "closed" && item && <span>{itemLabel(item)}</span>}
        </footer>
      )}
    </div>
  );
}
