// The hall display while someone holds the floor: the speaker large, the countdown huge, the
// next three speakers.
import { useI18n } from "../i18n/I18nProvider";
import { CurrentSpeaker } from "./CurrentSpeaker";
import { nextSpeakers } from "./speakers";
import type { Speaker } from "./types";

export const DISPLAY_NEXT = 3;

export function DisplayFloor({ speakers, itemLabel }: { speakers: Speaker[]; itemLabel: string | null }) {
  const { t } = useI18n();
  const next = nextSpeakers(speakers, DISPLAY_NEXT);
  return (
    <section className="display-floor">
      {itemLabel && <div className="display-floor__item">{itemLabel}</div>}
      <CurrentSpeaker speakers={speakers} large />
      {next.length > 0 && (
        <div className="display-floor__next">
          <span className="display-floor__next-label">{t("floor.next")}:</span>
          <ol>
            {next.map((speaker) => (
              <li key={speaker.id} className={speaker.kind === "point_of_order" ? "floor-row--point" : undefined}>
                {speaker.full_name} <span className="display-floor__kind">({t(`floor.kind.${speaker.kind}`)})</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}
