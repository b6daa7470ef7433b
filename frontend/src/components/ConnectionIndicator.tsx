import type { ConnectionStatus } from "../live/closeCodes";
import { useI18n } from "../i18n/I18nProvider";

/** A dot and a word: green when following live, amber while reconnecting, red when refused. */
export function ConnectionIndicator({ status }: { status: ConnectionStatus }) {
  const { t } = useI18n();
  return (
    <span className={`connection connection--${status}`} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      {t(`connection.${status}`)}
    </span>
  );
}
