// Who holds the floor, with the kind of speech and the countdown; the speaker a point of order
// interrupted, if any. `children`: the chair's controls.
import type { ReactNode } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { KindBadge } from "./KindBadge";
import { SpeakerTimer } from "./SpeakerTimer";
import { currentSpeaker, interruptedSpeaker } from "./speakers";
import type { Speaker } from "./types";

export function CurrentSpeaker({ speakers, large = false, children }: { speakers: Speaker[]; large?: boolean; children?: ReactNode }) {
  const { t } = useI18n();
  const current = currentSpeaker(speakers);
  const interrupted = interruptedSpeaker(speakers);
  if (!current) return <p className="floor-current floor-current--nobody">{t("floor.nobody")}</p>;
  return (
    <div className={`floor-current${large ? " floor-current--large" : ""}${current.kind === "point_of_order" ? " floor-current--point" : ""}`} data-testid="current-speaker">
      <div className="floor-current__who">
        <span className="floor-current__label">{current.state === "paused" ? t("floor.paused") : t("floor.speaking")}</span>
        <span className="floor-current__name">{current.full_name}</span>
        <KindBadge kind={current.kind} />
      </div>
      {(current.title || current.unit) && (
        <p className="floor-current__role" data-testid="speaker-role">
          {[current.title, current.unit].filter(Boolean).join(" · ")}
        </p>
      )}
      <SpeakerTimer speaker={current} large={large} />
      {interrupted && <p className="floor-current__interrupted">{t("floor.interrupted", { name: interrupted.full_name })}</p>}
      {children}
    </div>
  );
}
