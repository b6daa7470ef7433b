// The agenda as the secretariat arranges it: drag a row before, after or into another (native
// HTML drag and drop), or use the buttons on each row — up, down, indent (under the item above),
// outdent — which also work with a keyboard and on touch screens where dragging does not.
// The new agenda arrives on the live channel (agenda.updated).
import { useEffect, useRef, useState, type DragEvent } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import type { AgendaItem } from "../api/types";
import { useConfirm } from "../components/ConfirmDialog";
import { ErrorNotice } from "../components/ErrorNotice";
import { RenameField } from "../components/RenameField";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/vi";
import { dropChange, dropPlaceAt, indent, moveDown, moveUp, outdent, type AgendaChange, type DropPlace } from "./agendaMoves";

type Action = "up" | "down" | "indent" | "outdent";

const ACTIONS: { action: Action; symbol: string; label: MessageKey; change: (agenda: AgendaItem[], id: number) => AgendaChange | null }[] = [
  { action: "up", symbol: "↑", label: "secretariat.moveUp", change: moveUp },
  { action: "down", symbol: "↓", label: "secretariat.moveDown", change: moveDown },
  { action: "outdent", symbol: "⇤", label: "secretariat.outdent", change: outdent },
  { action: "indent", symbol: "⇥", label: "secretariat.indent", change: indent },
];

const DRAG_TYPE = "application/x-kyhop-agenda-item";

export function AgendaOrganizer({ meetingId, agenda }: { meetingId: number; agenda: AgendaItem[] }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [drop, setDrop] = useState<{ targetId: number; place: DropPlace } | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const { confirm, dialog } = useConfirm();
  // Keyboard users keep their place: once the moved agenda arrives, the button they pressed (or
  // another of the same row, if that one no longer applies) gets the focus back.
  const refocus = useRef<{ itemId: number; action: Action; agenda: AgendaItem[] } | null>(null);
  const list = useRef<HTMLOListElement | null>(null);

  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted || busy || wanted.agenda === agenda) return;
    refocus.current = null;
    const row = list.current?.querySelector(`[data-item="${wanted.itemId}"]`);
    const button = row?.querySelector<HTMLButtonElement>(`[data-action="${wanted.action}"]`);
    if (button && !button.disabled) button.focus();
    else row?.querySelector<HTMLElement>("[data-action]:not([disabled])")?.focus();
  }, [agenda, busy]);

  async function run(action: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
      refocus.current = null;
    } finally {
      setBusy(false);
    }
  }
  const itemPath = (item: AgendaItem) => ({ params: { path: { item_id: item.id } } });
  const rename = (item: AgendaItem, title: string) =>
    void run(() => call(api.PATCH("/api/v1/agenda-items/{item_id}", { ...itemPath(item), body: { title } }))).then(() => setEditing(null));
  const remove = (item: AgendaItem) =>
    confirm(
      { title: t("confirm.deleteItem.title", { title: item.title }), message: t("confirm.deleteItem.message"), confirmLabel: t("edit.delete"), danger: true },
      () => void run(() => call(api.DELETE("/api/v1/agenda-items/{item_id}", itemPath(item)))),
    );

  function apply(change: AgendaChange | null) {
    if (!change || busy) return Promise.resolve();
    return run(async () => {
      if (change.kind === "order") {
        await call(api.PUT("/api/v1/meetings/{meeting_id}/agenda/order", { params: { path: { meeting_id: meetingId } }, body: { item_ids: change.itemIds } }));
      } else {
        // One move, or several in order (an outdent that keeps the reading order).
        for (const move of change.kind === "moves" ? change.moves : [change]) {
          await call(
            api.PATCH("/api/v1/agenda-items/{item_id}", {
              params: { path: { item_id: move.itemId } },
              body: { parent_id: move.parentId, position: move.position },
            }),
          );
        }
      }
    });
  }

  function placeFor(event: DragEvent<HTMLElement>): DropPlace {
    const box = event.currentTarget.getBoundingClientRect();
    return dropPlaceAt(event.clientY - box.top, box.height);
  }

  function onDragOver(event: DragEvent<HTMLLIElement>, targetId: number) {
    if (dragged === null) return;
    const place = placeFor(event);
    if (!dropChange(agenda, dragged, targetId, place)) {
      setDrop(null);
      return;
    }
    event.preventDefault(); // allows the drop
    event.dataTransfer.dropEffect = "move";
    if (drop?.targetId !== targetId || drop.place !== place) setDrop({ targetId, place });
  }

  function onDrop(event: DragEvent<HTMLLIElement>, targetId: number) {
    event.preventDefault();
    const source = dragged ?? Number(event.dataTransfer.getData(DRAG_TYPE));
    const change = Number.isInteger(source) ? dropChange(agenda, source, targetId, placeFor(event)) : null;
    setDragged(null);
    setDrop(null);
    void apply(change);
  }

  if (agenda.length === 0) return <p className="empty">{t("meeting.agendaEmpty")}</p>;
  return (
    <>
      <p className="muted organizer__hint">{t("secretariat.arrangeHint")}</p>
      {error && <ErrorNotice message={error} />}
      <ol className={`organizer${busy ? " organizer--busy" : ""}`} ref={list} aria-label={t("meeting.agenda")}>
        {agenda.map((item) => (
          <li
            key={item.id}
            data-item={item.id}
            className={[
              "organizer__row",
              item.id === dragged ? "organizer__row--dragged" : "",
              drop?.targetId === item.id ? `organizer__row--drop-${drop.place}` : "",
            ].join(" ")}
            style={{ paddingInlineStart: `${0.5 + item.depth * 1.75}rem` }}
            draggable={!busy}
            onDragStart={(event) => {
              event.dataTransfer.setData(DRAG_TYPE, String(item.id));
              event.dataTransfer.setData("text/plain", item.title);
              event.dataTransfer.effectAllowed = "move";
              setDragged(item.id);
            }}
            onDragOver={(event) => onDragOver(event, item.id)}
            onDragLeave={(event) => {
              if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDrop((current) => (current?.targetId === item.id ? null : current));
            }}
            onDrop={(event) => onDrop(event, item.id)}
            onDragEnd={() => {
              setDragged(null);
              setDrop(null);
            }}
          >
            <span className="organizer__handle" aria-hidden="true">
              ⠿
            </span>
            <span className="organizer__number agenda__number">{item.number}</span>
            {editing === item.id ? (
              <RenameField value={item.title} label={t("edit.title")} busy={busy} onSave={(title) => rename(item, title)} onCancel={() => setEditing(null)} />
            ) : (
              <span className="organizer__title">{item.title}</span>
            )}
            <span className="organizer__buttons">
              {ACTIONS.map(({ action, symbol, label, change }) => {
                const planned = change(agenda, item.id);
                return (
                  <button
                    key={action}
                    type="button"
                    className="button organizer__button"
                    data-action={action}
                    aria-label={`${t(label)}: ${item.number}. ${item.title}`}
                    title={t(label)}
                    disabled={planned === null}
                    aria-disabled={busy || undefined}
                    onClick={() => {
                      if (busy) return;
                      refocus.current = { itemId: item.id, action, agenda };
                      void apply(planned);
                    }}
                  >
                    {symbol}
                  </button>
                );
              })}
              <button type="button" className="button organizer__button" aria-label={`${t("edit.edit")}: ${item.number}. ${item.title}`} title={t("edit.edit")} onClick={() => setEditing(item.id)}>
                ✎
              </button>
              <button type="button" className="button organizer__button organizer__button--danger" aria-label={`${t("edit.delete")}: ${item.number}. ${item.title}`} title={t("edit.delete")} disabled={busy} onClick={() => remove(item)}>
                ✕
              </button>
            </span>
          </li>
        ))}
      </ol>
      {dialog}
    </>
  );
}
