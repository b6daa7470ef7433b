// The written answer's PDF: fetched with the login's token (a plain link would not carry it)
// and opened in a new tab.
import { errorFromResponse, requestHeaders } from "../api/http";
import { useAction } from "../components/useAction";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";

export function AnswerFile({ url, filename }: { url: string; filename: string }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const open = () =>
    run(async () => {
      const response = await fetch(url, { headers: requestHeaders() });
      if (!response.ok) throw await errorFromResponse(response);
      window.open(URL.createObjectURL(await response.blob()), "_blank", "noopener");
    });
  return (
    <span className="question__file">
      <button type="button" className="button button--ghost" disabled={busy} onClick={() => void open()}>
        {filename || t("question.answerFile")}
      </button>
      {error && <ErrorNotice message={error} />}
    </span>
  );
}
