// Over a confidential document on screen: the reader's name and the time, repeated diagonally,
// dark enough to read on a photo of the screen, never catching a tap. (The served copy carries
// its own watermark from the server, in the PDF.)
import { useState } from "react";
import { useSession } from "../auth/SessionProvider";
import { useI18n } from "../i18n/I18nProvider";

const COPIES = 12;

export function ConfidentialWatermark() {
  const { t, formatDateTime } = useI18n();
  const { me } = useSession();
  const [openedAt] = useState(() => new Date().toISOString());
  const text = t("reader.watermark", { name: me?.full_name ?? me?.username ?? "", time: formatDateTime(openedAt) });
  return (
    <div className="watermark" aria-hidden="true">
      {Array.from({ length: COPIES }, (_, index) => (
        <span key={index} className="watermark__text">
          {text}
        </span>
      ))}
    </div>
  );
}
