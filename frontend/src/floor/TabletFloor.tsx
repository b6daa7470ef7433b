// The floor on a deputy's tablet, for the current item: who speaks and for how long yet, the
// next speakers, and (for those who may speak) registering, one's place and withdrawing.
import { useI18n } from "../i18n/I18nProvider";
import { CurrentSpeaker } from "./CurrentSpeaker";
import { MyRegistration } from "./MyRegistration";
import { RegisterForm } from "./RegisterForm";
import { SpeakerQueue } from "./SpeakerQueue";
import { myEntries } from "./speakers";
import type { Speaker } from "./types";

interface TabletFloorProps {
  itemId: number;
  itemLabel: string;
  speakers: Speaker[];
  userId: number | undefined;
  /** Deputies (the chair is one) put themselves on the list. */
  canSpeak: boolean;
  closed: boolean;
}

export function TabletFloor({ itemId, itemLabel, speakers, userId, canSpeak, closed }: TabletFloorProps) {
  const { t } = useI18n();
  const mine = myEntries(speakers, userId);
  return (
    <section className="floor floor--tablet panel" aria-label={t("floor.forItem", { item: itemLabel })}>
      <div className="floor__main">
        <CurrentSpeaker speakers={speakers} />
        <SpeakerQueue speakers={speakers} limit={5} mine={userId} title={t("floor.next")} />
      </div>
      {canSpeak && (
        <div className="floor__side">
          <h2 className="floor__title">{t("floor.register")}</h2>
          <MyRegistration speakers={speakers} mine={mine} />
          <RegisterForm itemId={itemId} mine={mine} closed={closed} />
        </div>
      )}
    </section>
  );
}
