import type { Poll } from "../api/voting";
import { useI18n } from "../i18n/I18nProvider";
import { formatSeconds } from "./countdown";
import { useSecondsLeft } from "./useSecondsLeft";

/** "Voted 17/60" with a bar, and the countdown when the poll has a duration. */
export function PollProgress({ poll, large = false }: { poll: Poll; large?: boolean }) {
  const { t } = useI18n();
  const left = useSecondsLeft(poll);
  const progress = poll.progress;
  const fraction = progress && progress.eligible > 0 ? progress.voted / progress.eligible : 0;
  return (
    <div className={`poll-progress${large ? " poll-progress--large" : ""}`}>
      {progress && (
        <>
          <div className="poll-progress__text">{t("vote.progress", { voted: progress.voted, eligible: progress.eligible })}</div>
          <div className="poll-progress__track" role="progressbar" aria-valuemin={0} aria-valuemax={progress.eligible} aria-valuenow={progress.voted}>
            <span style={{ width: `${Math.min(1, fraction) * 100}%` }} />
          </div>
        </>
      )}
      {left !== null && (
        <div className={`countdown${left <= 10 ? " countdown--ending" : ""}`}>{t("vote.remaining", { time: formatSeconds(left) })}</div>
      )}
    </div>
  );
}
