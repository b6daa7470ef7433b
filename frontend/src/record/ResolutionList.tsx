import { useI18n } from "../i18n/I18nProvider";
import { ResolutionLine } from "./ResolutionLine";
import type { Resolution } from "./types";

/** Resolutions in the order given, or that there are none. */
export function ResolutionList({ resolutions, label }: { resolutions: readonly Resolution[]; label: string }) {
  const { t } = useI18n();
  if (resolutions.length === 0) return <p className="empty">{t("resolution.none")}</p>;
  return (
    <ul className="resolution-list" aria-label={label}>
      {resolutions.map((resolution) => (
        <ResolutionLine key={resolution.id} resolution={resolution} />
      ))}
    </ul>
  );
}
