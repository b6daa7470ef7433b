// "Tải biên bản (PDF)" and "(.docx)": written by the server from the record, "DỰ THẢO" on every
// page of a draft; fetched with the token (a plain link cannot carry it).
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { downloadMinutes, type MinutesFormat } from "./api";

const FORMATS: readonly MinutesFormat[] = ["pdf", "docx"];

export function MinutesDownloads({ meetingId, draft }: { meetingId: number; draft: boolean }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  return (
    <div className="minutes-downloads">
      {FORMATS.map((format) => (
        <button key={format} type="button" className="button" disabled={busy} onClick={() => void run(() => downloadMinutes(meetingId, format, draft))}>
          {t(`minutes.${format}`)}
        </button>
      ))}
      {draft && <span className="muted">{t("minutes.draftHint")}</span>}
      {error && <ErrorNotice message={error} />}
    </div>
  );
}
