import { useState } from "react";
import { messageOf } from "../api/errors";
import type { PollId } from "../api/voting";
import { useI18n } from "../i18n/I18nProvider";
import { downloadResultCsv } from "./resultCsv";

/** "Tải kết quả (CSV)" for the chair and the secretariat. */
export function ResultCsvButton({ pollId }: { pollId: PollId }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="result__csv">
      <button
        type="button"
        className="button"
        onClick={() => {
          setError(null);
          downloadResultCsv(pollId).catch((failure: unknown) => setError(messageOf(failure, t("common.error"))));
        }}
      >
        {t("result.csv")}
      </button>
      {error && <span className="notice notice--error">{error}</span>}
    </span>
  );
}
