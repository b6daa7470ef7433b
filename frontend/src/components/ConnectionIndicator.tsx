import type { ConnectionStatus } from "../live/closeCodes";
import { useI18n } from "../i18n/I18nProvider";
import { useOnline } from "../offline/useOnline";

/** A dot and a word: green when following live, amber while reconnecting, red when refused or offline. */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const { t } = useI18n();
  const online = useOnline();
  const shown = !online && status !== "unauthenticated" && status !== "forbidden" ? "offline" : status;
  return (
    <span className={`connection connection--${shown}`} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      {t(`connection.${shown}`)}
    </span>
  );
}
