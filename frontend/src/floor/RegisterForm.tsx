// Đăng ký phát biểu: the kind (thảo luận, tranh luận, chất vấn) and the button; a point of order
// has its own button, heard even when the list is closed.
import { useState } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { registerSpeaker } from "./api";
import { DEPUTY_KINDS, type Speaker, type SpeakerKind } from "./types";

export function RegisterForm({ itemId, mine, closed }: { itemId: number; mine: Speaker[]; closed: boolean }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const [kind, setKind] = useState<SpeakerKind>("discussion");
  const waitingFor = (wanted: SpeakerKind) => mine.some((entry) => entry.kind === wanted && entry.state === "waiting");
  return (
    <div className="floor-register">
      {closed ? (
        <p className="notice notice--info">{t("floor.closed")}</p>
      ) : (
        <fieldset className="floor-register__kinds">
          <legend>{t("floor.registerKind")}</legend>
          {DEPUTY_KINDS.map((option) => (
            <label key={option} className="floor-register__kind">
              <input type="radio" name={`floor-kind-${itemId}`} value={option} checked={kind === option} onChange={() => setKind(option)} />
              <span>{t(`floor.kind.${option}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <div className="floor-register__actions">
        {!closed && (
          <button type="button" className="button button--primary" disabled={busy || waitingFor(kind)} onClick={() => void run(() => registerSpeaker(itemId, kind))}>
            {t("floor.register")}
          </button>
        )}
        <button type="button" className="button floor-register__point" disabled={busy || waitingFor("point_of_order")} onClick={() => void run(() => registerSpeaker(itemId, "point_of_order"))}>
          {t("floor.pointOfOrder")}
        </button>
      </div>
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
