// The chair's console for the current item's list of speakers: who holds the floor and the
// controls for them, a point of order announced at once, the waiting list (order, give the
// floor, take off), closing the list, and adding someone on their behalf.
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { AddSpeaker, type Person } from "./AddSpeaker";
import { setSpeakersClosed } from "./api";
import { CurrentSpeaker } from "./CurrentSpeaker";
import { SpeakerControls } from "./SpeakerControls";
import { currentSpeaker, interruptedSpeaker, waitingSpeakers } from "./speakers";
import type { Speaker } from "./types";
import { WaitingList } from "./WaitingList";

interface FloorPanelProps {
  itemId: number;
  itemLabel: string;
  speakers: Speaker[];
  closed: boolean;
  people: Person[];
}

export function FloorPanel({ itemId, itemLabel, speakers, closed, people }: FloorPanelProps) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const act = (action: () => Promise<unknown>) => void run(action);
  const current = currentSpeaker(speakers);
  const waiting = waitingSpeakers(speakers);
  const points = waiting.filter((speaker) => speaker.kind === "point_of_order");
  const spoken = speakers.filter((speaker) => speaker.state === "done").length;
  return (
    <section className="floor floor--chair card" aria-label={t("floor.forItem", { item: itemLabel })}>
      <div className="panel__header">
        <h2>{t("floor.title")}</h2>
        <button type="button" className="button" disabled={busy} onClick={() => act(() => setSpeakersClosed(itemId, !closed))}>
          {closed ? t("floor.openList") : t("floor.closeList")}
        </button>
      </div>
      {points.map((point) => (
        <p key={point.id} className="notice notice--warning floor-alert" role="alert">
          {t("floor.pointAlert", { name: point.full_name })}
        </p>
      ))}
      <CurrentSpeaker speakers={speakers}>
        {current && <SpeakerControls current={current} interrupted={interruptedSpeaker(speakers)} busy={busy} run={act} />}
      </CurrentSpeaker>
      {error && <ErrorNotice message={error} />}
      <h3>{t("floor.waiting", { count: waiting.length })}</h3>
      {closed && <p className="muted">{t("floor.closed")}</p>}
      <WaitingList itemId={itemId} waiting={waiting} busy={busy} run={act} />
      {spoken > 0 && <p className="muted">{t("floor.spoken", { count: spoken })}</p>}
      <AddSpeaker itemId={itemId} people={people} busy={busy} run={act} />
    </section>
  );
}
