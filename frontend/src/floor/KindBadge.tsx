import { useI18n } from "../i18n/I18nProvider";
import type { SpeakerKind } from "./types";

/** The kind of a speech; a point of order stands out. */
export function KindBadge({ kind }: { kind: SpeakerKind }) {
  const { t } = useI18n();
  return <span className={`badge floor-kind floor-kind--${kind}`}>{t(`floor.kind.${kind}`)}</span>;
}
