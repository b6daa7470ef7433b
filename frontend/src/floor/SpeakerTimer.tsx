// A speaker's remaining time by the server's clock: red in the last 30 s, then overtime with a
// plus. data-testid="speaker-remaining" holds the whole seconds (negative in overtime).
import { useI18n } from "../i18n/I18nProvider";
import { formatRemaining, timerView } from "./timer";
import type { Speaker } from "./types";
import { useServerNow } from "./useServerNow";
import "./floor.css";

export function SpeakerTimer({ speaker, large = false }: { speaker: Speaker; large?: boolean }) {
  const { t } = useI18n();
  const now = useServerNow(speaker.state === "speaking");
  const { seconds, phase, running } = timerView(speaker, now);
  const time = formatRemaining(seconds);
  const classes = ["floor-timer", `floor-timer--${phase}`, running ? "" : "floor-timer--paused", large ? "floor-timer--large" : ""];
  return (
    <div className={classes.filter(Boolean).join(" ")} role="timer" aria-label={phase === "over" ? t("floor.overBy", { time: formatRemaining(-seconds) }) : t("floor.remaining", { time })}>
      <span className="floor-timer__clock" aria-hidden="true">
        {time}
      </span>
      {(phase === "over" || !running) && (
        <span className="floor-timer__note" aria-hidden="true">
          {running ? t("floor.overtime") : t("floor.paused")}
        </span>
      )}
      <span data-testid="speaker-remaining" data-phase={phase} hidden>
        {seconds}
      </span>
    </div>
  );
}
