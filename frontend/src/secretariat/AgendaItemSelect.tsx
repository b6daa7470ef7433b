// A labelled choice of one agenda item, or none ("none" is the first, empty option, when it has a label).
import type { AgendaItem } from "../api/types";
import { itemLabel } from "../meeting/selectors";

interface Props {
  label: string;
  noneLabel?: string;
  agenda: AgendaItem[];
  value: number | null;
  onChange: (itemId: number | null) => void;
}

export function AgendaItemSelect({ label, noneLabel, agenda, value, onChange }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value ?? ""} onChange={(event) => onChange(event.target.value ? Number(event.target.value) : null)}>
        {noneLabel !== undefined && <option value="">{noneLabel}</option>}
        {agenda.map((item) => (
          <option key={item.id} value={item.id}>
            {itemLabel(item)}
          </option>
        ))}
      </select>
    </label>
  );
}
