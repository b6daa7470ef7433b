// Import a petition list (.xlsx, .csv): every bad row shown with its number; nothing written then.
import { useRef, useState } from "react";
import { ApiError, messageOf } from "../api/errors";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import { rowErrors, type RowError } from "../secretariat/memberImport";
import { importPetitions } from "./api";
import type { ImportOutcome, VoterMeeting } from "./types";
import { VoterMeetingSelect } from "./VoterMeetingSelect";

type Outcome = { kind: "idle" } | { kind: "sending" } | { kind: "refused"; message: string; rows: RowError[] } | { kind: "done"; result: ImportOutcome };

export function ImportPetitions({ councilId, voterMeetings, onImported }: { councilId: number; voterMeetings: VoterMeeting[]; onImported: () => void }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const [meetingId, setMeetingId] = useState("");
  const input = useRef<HTMLInputElement | null>(null);

  function send(file: File | undefined) {
    if (!file) return;
    setOutcome({ kind: "sending" });
    importPetitions(councilId, file, meetingId ? Number(meetingId) : null, () => undefined).done.then(
      (result) => {
        setOutcome({ kind: "done", result });
        onImported();
      },
      (failure: unknown) =>
        setOutcome({ kind: "refused", message: messageOf(failure, t("common.error")), rows: failure instanceof ApiError ? rowErrors(failure.details) : [] }),
    );
    if (input.current) input.current.value = "";
  }

  return (
    <section className="panel" aria-label={t("petition.import")}>
      <h2>{t("petition.import")}</h2>
      <p className="muted">{t("petition.importHint")}</p>
      <div className="field-row">
        <VoterMeetingSelect voterMeetings={voterMeetings} value={meetingId} onChange={setMeetingId} />
        <label className="field">
          <span>{t("petition.importChoose")}</span>
          <input ref={input} type="file" accept=".csv,.xlsx" disabled={outcome.kind === "sending"} onChange={(event) => send(event.target.files?.[0])} />
        </label>
      </div>
      {outcome.kind === "sending" && <p className="loading">{t("common.loading")}</p>}
      {outcome.kind === "done" && <p role="status">{t("petition.imported", outcome.result as unknown as Record<string, number>)}</p>}
      {outcome.kind === "refused" && (
        <div role="alert">
          <ErrorNotice message={outcome.message} />
          <ul className="import-errors">
            {outcome.rows.map((row, index) => (
              <li key={index}>{t("petition.importRow", { row: row.row, message: row.message })}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
