// The chair's list of those waiting: give the floor, move up or down (or drag onto another
// place), take off the list. Points of order stand out at the top.
import { useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { chairAction, reorderSpeakers, withdrawSpeaker } from "./api";
import { KindBadge } from "./KindBadge";
import { moveBefore, moveInOrder } from "./speakers";
import type { Speaker } from "./types";

interface WaitingListProps {
  itemId: number;
  waiting: Speaker[];
  busy: boolean;
  run: (action: () => Promise<unknown>) => void;
}

export function WaitingList({ itemId, waiting, busy, run }: WaitingListProps) {
  const { t } = useI18n();
  const [dragged, setDragged] = useState<number | null>(null);
  const ids = waiting.map((speaker) => speaker.id);
  const reorder = (next: number[]) => {
    if (next.some((id, index) => id !== ids[index])) run(() => reorderSpeakers(itemId, next));
  };
  if (waiting.length === 0) return <p className="muted">{t("floor.waitingEmpty")}</p>;
  return (
    <ol className="floor-waiting" aria-label={t("floor.waiting", { count: waiting.length })}>
      {waiting.map((speaker, index) => (
        <li
          key={speaker.id}
          className={`floor-waiting__row${speaker.kind === "point_of_order" ? " floor-row--point" : ""}`}
          draggable={!busy}
          onDragStart={() => setDragged(speaker.id)}
          onDragEnd={() => setDragged(null)}
          onDragOver={(event) => dragged !== null && event.preventDefault()}
          onDrop={(event) => {
            event.preventDefault();
            if (dragged !== null) reorder(moveBefore(ids, dragged, speaker.id));
            setDragged(null);
          }}
        >
          <span className="floor-waiting__place">{index + 1}</span>
          <span className="floor-waiting__name">{speaker.full_name}</span>
          <KindBadge kind={speaker.kind} />
          <span className="floor-waiting__actions">
            <button type="button" className="button button--primary" disabled={busy} aria-label={t("floor.startNamed", { name: speaker.full_name })} onClick={() => run(() => chairAction(speaker.id, "start"))}>
              {t("floor.start")}
            </button>
            <button type="button" className="button" disabled={busy || index === 0} aria-label={t("floor.moveUp", { name: speaker.full_name })} onClick={() => reorder(moveInOrder(ids, speaker.id, -1))}>
              ↑
            </button>
            <button type="button" className="button" disabled={busy || index === waiting.length - 1} aria-label={t("floor.moveDown", { name: speaker.full_name })} onClick={() => reorder(moveInOrder(ids, speaker.id, 1))}>
              ↓
            </button>
            <button type="button" className="button button--ghost" disabled={busy} aria-label={t("floor.remove", { name: speaker.full_name })} onClick={() => run(() => withdrawSpeaker(speaker.id))}>
              ✕
            </button>
          </span>
        </li>
      ))}
    </ol>
  );
}
