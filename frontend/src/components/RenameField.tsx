// A title edited in place (an agenda item, a document): Enter or "Lưu" saves, Escape cancels.
import { useState, type FormEvent } from "react";
import { useI18n } from "../i18n/I18nProvider";

interface RenameFieldProps {
  value: string;
  label: string;
  busy?: boolean;
  onSave: (value: string) => void;
  onCancel: () => void;
}

export function RenameField({ value, label, busy, onSave, onCancel }: RenameFieldProps) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onSave(text.trim());
  };
  return (
    <form className="rename" onSubmit={submit}>
      <input
        aria-label={label}
        autoFocus
        required
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => event.key === "Escape" && onCancel()}
      />
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("common.save")}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {t("common.cancel")}
      </button>
    </form>
  );
}
