// Those waiting to speak, in order (the first `limit` of them).
import { useI18n } from "../i18n/I18nProvider";
import { KindBadge } from "./KindBadge";
import { waitingSpeakers } from "./speakers";
import type { Speaker } from "./types";

export function SpeakerQueue({ speakers, limit, mine, title }: { speakers: Speaker[]; limit?: number; mine?: number; title?: string }) {
  const { t } = useI18n();
  const waiting = waitingSpeakers(speakers);
  const shown = limit === undefined ? waiting : waiting.slice(0, limit);
  return (
    <div className="floor-queue">
      <h3 className="floor-queue__title">{title ?? t("floor.waiting", { count: waiting.length })}</h3>
      {shown.length === 0 ? (
        <p className="muted">{t("floor.waitingEmpty")}</p>
      ) : (
        <ol className="floor-queue__list">
          {shown.map((speaker) => (
            <li key={speaker.id} className={`floor-queue__row${speaker.kind === "point_of_order" ? " floor-row--point" : ""}${speaker.user_id === mine ? " floor-queue__row--mine" : ""}`}>
              <span className="floor-queue__name">{speaker.full_name}</span>
              <KindBadge kind={speaker.kind} />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
