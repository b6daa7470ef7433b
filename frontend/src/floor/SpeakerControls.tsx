// The chair's controls for whoever holds the floor: pause, resume, stop, more time; and, during a
// point of order, back to the speaker it interrupted.
import { useI18n } from "../i18n/I18nProvider";
import { chairAction, extendSpeaker, type ChairAction } from "./api";
import type { Speaker } from "./types";

export const EXTENSIONS_S = [30, 60] as const;

interface SpeakerControlsProps {
  current: Speaker;
  interrupted: Speaker | null;
  busy: boolean;
  run: (action: () => Promise<unknown>) => void;
}

export function SpeakerControls({ current, interrupted, busy, run }: SpeakerControlsProps) {
  const { t } = useI18n();
  const act = (action: ChairAction, speaker = current) => run(() => chairAction(speaker.id, action));
  return (
    <div className="floor-controls" role="group" aria-label={current.full_name}>
      {current.state === "speaking" ? (
        <button type="button" className="button" disabled={busy} onClick={() => act("pause")}>
          {t("floor.pause")}
        </button>
      ) : (
        <button type="button" className="button button--primary" disabled={busy} onClick={() => act("resume")}>
          {t("floor.resume")}
        </button>
      )}
      <button type="button" className="button button--danger" disabled={busy} onClick={() => act("stop")}>
        {t("floor.stop")}
      </button>
      {EXTENSIONS_S.map((seconds) => (
        <button
          key={seconds}
          type="button"
          className="button"
          disabled={busy}
          aria-label={t("floor.extendNamed", { seconds, name: current.full_name })}
          onClick={() => run(() => extendSpeaker(current.id, seconds))}
        >
          {t("floor.extend", { seconds })}
        </button>
      ))}
      {interrupted && (
        <button type="button" className="button button--primary" disabled={busy} onClick={() => act("resume", interrupted)}>
          {t("floor.backTo", { name: interrupted.full_name })}
        </button>
      )}
    </div>
  );
}
