// A clear sign, on every screen, that the tablet has no network: what still works and what waits.
import { useState, useSyncExternalStore } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { noteStore } from "./noteStore";
import { useOnline } from "./useOnline";

function useQueuedNoteDocuments(): number {
  return useSyncExternalStore(
    (listener) => noteStore.subscribe(listener),
    () => noteStore.queuedDocuments().length,
  );
}

export function OfflineBanner() {
  const { t } = useI18n();
  const online = useOnline();
  const queued = useQueuedNoteDocuments();
  // A reader may fold it away; the connection indicator still says "offline".
  const [folded, setFolded] = useState(false);
  if (online) return null;
  return (
    <div className={`offline-banner${folded ? " offline-banner--folded" : ""}`} role="status" aria-live="polite">
      <strong>{t("offline.banner")}</strong>
      {!folded && <span>{t("offline.bannerDetail")}</span>}
      {queued > 0 && <span className="offline-banner__queued">{t("offline.notesWaiting", { count: queued })}</span>}
      <button type="button" className="offline-banner__fold" aria-expanded={!folded} onClick={() => setFolded(!folded)}>
        {folded ? t("offline.bannerMore") : t("offline.bannerFold")}
      </button>
    </div>
  );
}
