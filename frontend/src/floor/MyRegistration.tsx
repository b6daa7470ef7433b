// The deputy's own entries on the list: their place while waiting (with withdraw), or that they
// have the floor.
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { withdrawSpeaker } from "./api";
import { placeInList } from "./speakers";
import type { Speaker } from "./types";

export function MyRegistration({ speakers, mine }: { speakers: Speaker[]; mine: Speaker[] }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  if (mine.length === 0) return null;
  return (
    <div className="floor-mine">
      <ul className="floor-mine__list">
        {mine.map((entry) => {
          const kind = t(`floor.kind.${entry.kind}`);
          return (
            <li key={entry.id} className="floor-mine__entry" data-testid="my-registration">
              {entry.state === "waiting" ? (
                <>
                  <span>{t("floor.myPlace", { kind, place: placeInList(speakers, entry.id) ?? "" })}</span>
                  <button type="button" className="button" disabled={busy} onClick={() => void run(() => withdrawSpeaker(entry.id))}>
                    {t("floor.withdraw")}
                  </button>
                </>
              ) : (
                <strong>{entry.state === "speaking" ? t("floor.myTurn", { kind }) : t("floor.myPaused", { kind })}</strong>
              )}
            </li>
          );
        })}
      </ul>
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
