import { useEffect, useRef } from "react";
import type { AgendaItem } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";

interface AgendaTreeProps {
  items: AgendaItem[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Per-item extra controls (the chair's "activate"). */
  renderActions?: (item: AgendaItem) => React.ReactNode;
}

/** The agenda in display order, children indented; the current item marked and kept in view. */
export function AgendaTree({ items, selectedId, onSelect, renderActions }: AgendaTreeProps) {
  const { t } = useI18n();
  const currentRef = useRef<HTMLLIElement | null>(null);
  const current = items.find((item) => item.state === "current")?.id ?? null;

  useEffect(() => {
    currentRef.current?.scrollIntoView?.({ block: "nearest", behavior: "smooth" });
  }, [current]);

  if (items.length === 0) return <p className="empty">{t("meeting.agendaEmpty")}</p>;
  return (
    <ol className="agenda" aria-label={t("meeting.agenda")}>
      {items.map((item) => (
        <li
          key={item.id}
          ref={item.state === "current" ? currentRef : undefined}
          className={`agenda__item agenda__item--${item.state}${item.id === selectedId ? " agenda__item--selected" : ""}`}
          style={{ paddingInlineStart: `${0.75 + item.depth * 1.5}rem` }}
        >
          <button type="button" className="agenda__select" aria-current={item.state === "current" ? "step" : undefined} onClick={() => onSelect(item.id)}>
            <span className="agenda__number">{item.number}</span>
            <span className="agenda__title">{item.title}</span>
            {item.state === "current" && <span className="badge badge--current">{t("meeting.current")}</span>}
          </button>
          {renderActions?.(item)}
        </li>
      ))}
    </ol>
  );
}
