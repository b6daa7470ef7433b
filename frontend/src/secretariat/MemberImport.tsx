// Import a council's members from a CSV or XLSX list. A list with bad rows is refused whole
// (nothing written) and each bad row is shown with its number and reason; after a successful
// import, the accounts created are shown once with their initial passwords, to print or save.
import { useRef, useState } from "react";
import { ApiError, messageOf } from "../api/errors";
import type { ImportResult } from "../api/types";
import { newUploadKey, uploadWithProgress } from "../api/upload";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import { accountsCsv, rowErrors, type RowError } from "./memberImport";

type Outcome =
  | { kind: "idle" }
  | { kind: "sending"; fileName: string; progress: number }
  | { kind: "refused"; fileName: string; message: string; rows: RowError[] }
  | { kind: "done"; fileName: string; result: ImportResult };

export function MemberImport({ councilId }: { councilId: number }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  const input = useRef<HTMLInputElement | null>(null);

  function send(file: File | undefined) {
    if (!file) return;
    const form = new FormData();
    form.append("file", file, file.name);
    setOutcome({ kind: "sending", fileName: file.name, progress: 0 });
    const upload = uploadWithProgress<ImportResult>(`/api/v1/councils/${councilId}/members/import`, form, newUploadKey(), (progress) =>
      setOutcome((current) => (current.kind === "sending" ? { ...current, progress } : current)),
    );
    upload.done.then(
      (result) => setOutcome({ kind: "done", fileName: file.name, result }),
      (failure: unknown) =>
        setOutcome({
          kind: "refused",
          fileName: file.name,
          message: messageOf(failure, t("common.error")),
          rows: failure instanceof ApiError ? rowErrors(failure.details) : [],
        }),
    );
    if (input.current) input.current.value = "";
  }

  function saveAccounts(result: ImportResult) {
    const csv = accountsCsv(result.accounts ?? [], [t("import.row"), t("import.fullName"), t("import.username"), t("import.password")]);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    link.download = `tai-khoan-moi-${councilId}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  return (
    <section className="panel member-import">
      <h2>{t("import.title")}</h2>
      <p className="muted">{t("import.hint")}</p>
      <label className={`button button--primary file-picker${outcome.kind === "sending" ? " button--disabled" : ""}`}>
        {t("import.choose")}
        <input
          ref={input}
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          disabled={outcome.kind === "sending"}
          onChange={(event) => send(event.target.files?.[0])}
        />
      </label>

      {outcome.kind === "sending" && (
        <div className="upload upload--uploading">
          <span className="upload__name">{outcome.fileName}</span>
          <span className="upload__track">
            <span style={{ width: `${outcome.progress * 100}%` }} />
          </span>
          <span className="upload__status">{outcome.progress < 1 ? `${Math.round(outcome.progress * 100)}%` : t("import.checking")}</span>
        </div>
      )}

      {outcome.kind === "refused" && (
        <div className="import-refused" role="alert">
          <ErrorNotice message={`${outcome.fileName}: ${outcome.message}`} />
          {outcome.rows.length > 0 && (
            <table className="import-table">
              <thead>
                <tr>
                  <th scope="col">{t("import.row")}</th>
                  <th scope="col">{t("import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {outcome.rows.map((row, index) => (
                  <tr key={`${row.row}-${index}`}>
                    <td>{row.row}</td>
                    <td>{row.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}

      {outcome.kind === "done" && (
        <div className="import-done" role="status">
          {/* accounts: optional in the schema (a default), always present in answers */}
          <p className="notice notice--info">
            ✓ {t("import.done", { created: outcome.result.created, updated: outcome.result.updated, unchanged: outcome.result.unchanged })}
          </p>
          {(outcome.result.accounts ?? []).length > 0 && (
            <>
              <h3>{t("import.accounts", { count: outcome.result.accounts?.length ?? 0 })}</h3>
              <p className="notice notice--error">{t("import.passwordsOnce")}</p>
              <table className="import-table import-table--accounts">
                <thead>
                  <tr>
                    <th scope="col">{t("import.row")}</th>
                    <th scope="col">{t("import.fullName")}</th>
                    <th scope="col">{t("import.username")}</th>
                    <th scope="col">{t("import.password")}</th>
                  </tr>
                </thead>
                <tbody>
                  {(outcome.result.accounts ?? []).map((account) => (
                    <tr key={account.username}>
                      <td>{account.row}</td>
                      <td>{account.full_name}</td>
                      <td>
                        <code>{account.username}</code>
                      </td>
                      <td>
                        <code>{account.password}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <div className="import-actions">
                <button type="button" className="button" onClick={() => saveAccounts(outcome.result)}>
                  {t("import.saveCsv")}
                </button>
                <button type="button" className="button" onClick={() => window.print()}>
                  {t("import.print")}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}
