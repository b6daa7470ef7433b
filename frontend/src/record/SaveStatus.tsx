// What an autosaving field says about its text: "Đang lưu…", "Đã lưu", "Chưa lưu", or why the
// save failed (the text stays in the field and is saved again on the next change or blur).
import { messageOf } from "../api/errors";
import { useI18n } from "../i18n/I18nProvider";
import type { AutosaveState } from "./autosave";

export function SaveStatus({ status, error, id }: AutosaveState & { id: string }) {
  const { t } = useI18n();
  if (status === "error") {
    return (
      <p id={id} className="save-status save-status--error" role="alert">
        {t("minutes.saveFailed", { message: messageOf(error, t("common.error")) })}
      </p>
    );
  }
  const text = status === "saving" ? t("common.saving") : status === "saved" ? `✓ ${t("common.saved")}` : status === "pending" ? t("minutes.unsaved") : "";
  return (
    <p id={id} className={`save-status save-status--${status}`} role="status" aria-live="polite">
      {text}
    </p>
  );
}
