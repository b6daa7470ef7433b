// What the poll form is for, named above it: the current item by default; another item only by
// choosing it here, with a warning while it is not the item under discussion.
import type { AgendaItem } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { findItem, itemLabel } from "../meeting/selectors";
import { AgendaItemSelect } from "../secretariat/AgendaItemSelect";

interface PollTargetProps {
  agenda: AgendaItem[];
  targetId: number;
  currentId: number | null;
  onChoose: (itemId: number) => void;
}

export function PollTarget({ agenda, targetId, currentId, onChoose }: PollTargetProps) {
  const { t } = useI18n();
  const target = findItem(agenda, targetId);
  if (!target) return null;
  return (
    <div className="poll-target">
      <h2 className="poll-target__heading">{t("chair.pollFor", { item: itemLabel(target) })}</h2>
      <AgendaItemSelect label={t("chair.pollTarget")} agenda={agenda} value={targetId} onChange={(itemId) => itemId !== null && onChoose(itemId)} />
      {currentId !== null && currentId !== targetId && (
        <p className="notice notice--warning" role="status">
          {t("chair.pollTargetOther", { item: itemLabel(target) })}
        </p>
      )}
    </div>
  );
}
