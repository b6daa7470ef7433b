// "Tải toàn bộ tài liệu": downloads the meeting's offline package with one progress bar (bytes
// done / total), a few files at a time; files already on the tablet are not fetched again.
// Afterwards every document opens without a network, and the notes of each are kept too.
import { useEffect, useEffectEvent, useReducer, useRef, useState } from "react";
import { ApiError, messageOf } from "../api/errors";
import type { DocumentInfo } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/vi";
import { canStoreDocuments, dropOtherVersions, storedVersions, versionKey } from "./documentStore";
import { ABORTED, askToKeepStorage, CHECKSUM_MISMATCH, downloadEntry, fetchPackage, readPackageRecord, savePackageRecord, STORAGE_FULL, type PackageRecord } from "./download";
import { noteSync } from "./noteSync";
import { formatBytes, nextDownloads, packageReducer, packageTotals, type PackageFile } from "./packageProgress";
import { refreshStoredVersions, useStoredVersions } from "./storedVersions";
import { useOnline } from "./useOnline";

const PARALLEL_DOWNLOADS = 2;
/** Progress is drawn at most this often per file. */
const PROGRESS_EVERY_MS = 100;

/** What the screen is doing; "finished" is downloading with every file stored or failed. */
type Step = "idle" | "listing" | "downloading";
type Phase = Step | "finished";

const ERROR_KEYS: Record<string, MessageKey> = {
  [CHECKSUM_MISMATCH]: "offline.checksum",
  [STORAGE_FULL]: "offline.storageFull",
};

/** After the downloads: other versions of the documents dropped, and the download recorded. */
async function keepPackage(meetingId: number, done: PackageFile[]): Promise<PackageRecord> {
  const storedEntries = done.filter((file) => file.status === "stored").map((file) => file.entry);
  await dropOtherVersions(storedEntries.map((entry) => ({ documentId: entry.document_id, version: entry.version })));
  await refreshStoredVersions();
  const record = { at: new Date().toISOString(), documents: storedEntries.length, bytes: storedEntries.reduce((sum, entry) => sum + entry.size, 0) };
  savePackageRecord(meetingId, record);
  return record;
}

/** Each document's private notes, so they can be read offline too (noteSync never rejects). */
async function refreshNotes(done: PackageFile[]): Promise<void> {
  for (const file of done) await noteSync.refresh(file.entry.document_id);
}

export function OfflinePackage({ meetingId, documents }: { meetingId: number; documents: DocumentInfo[] }) {
  const { t, language, formatDateTime } = useI18n();
  const online = useOnline();
  const stored = useStoredVersions();
  const [files, dispatch] = useReducer(packageReducer, []);
  const [step, setStep] = useState<Step>("idle");
  const [error, setError] = useState<string | null>(null);
  const [record, setRecord] = useState(() => readPackageRecord(meetingId));
  const controller = useRef<AbortController | null>(null);
  const totals = packageTotals(files);
  const phase: Phase = step === "downloading" && totals.finished ? "finished" : step;

  const describe = (failure: unknown) =>
    failure instanceof ApiError && ERROR_KEYS[failure.code] ? t(ERROR_KEYS[failure.code]!) : messageOf(failure, t("common.error"));

  // Stop downloading when the screen goes away.
  useEffect(() => () => controller.current?.abort(), []);

  // Called from the downloads below, with the language and meeting of the moment.
  const failed = useEffectEvent((documentId: number, failure: unknown) => dispatch({ type: "failed", documentId, message: describe(failure) }));
  const finished = useEffectEvent((done: PackageFile[]) => {
    keepPackage(meetingId, done).then(
      (next) => {
        setRecord(next);
        void refreshNotes(done);
      },
      (failure: unknown) => setError(describe(failure)),
    );
  });

  // Starts the next downloads whenever one ends; once all have, finishes (once per outcome: the
  // files change only with another download).
  useEffect(() => {
    if (step !== "downloading") return;
    const signal = controller.current?.signal;
    if (!signal) return;
    for (const file of nextDownloads(files, PARALLEL_DOWNLOADS)) {
      const id = file.entry.document_id;
      let drawn = 0;
      dispatch({ type: "start", documentId: id });
      downloadEntry(file.entry, signal, (received) => {
        const now = Date.now();
        if (now - drawn < PROGRESS_EVERY_MS) return;
        drawn = now;
        dispatch({ type: "progress", documentId: id, received });
      }).then(
        () => dispatch({ type: "stored", documentId: id }),
        (failure: unknown) => {
          if (!(failure instanceof ApiError && failure.code === ABORTED)) failed(id, failure);
        },
      );
    }
    if (packageTotals(files).finished) finished(files);
  }, [files, step]);

  async function start() {
    controller.current?.abort();
    controller.current = new AbortController();
    setError(null);
    setStep("listing");
    try {
      const manifest = await fetchPackage(meetingId);
      await askToKeepStorage();
      const have = await storedVersions();
      dispatch({ type: "listed", items: manifest.items, alreadyStored: (entry) => have.has(versionKey(entry.document_id, entry.version)) });
      setStep("downloading");
    } catch (failure) {
      setError(describe(failure));
      setStep("idle");
    }
  }

  function cancel() {
    controller.current?.abort();
    controller.current = null;
    dispatch({ type: "listed", items: [], alreadyStored: () => false });
    setStep("idle");
    void refreshStoredVersions();
  }

  function retry() {
    controller.current = new AbortController();
    dispatch({ type: "retryFailed" });
    setStep("downloading");
  }

  if (!canStoreDocuments()) return <p className="muted offline-package__hint">{t("offline.unsupported")}</p>;

  const onDevice = documents.filter((document) => stored.has(versionKey(document.id, document.version))).length;
  const busy = phase === "listing" || phase === "downloading";
  const failures = files.filter((file) => file.status === "failed");

  return (
    <div className="offline-package" data-phase={phase}>
      <div className="offline-package__row">
        {busy ? (
          <button type="button" className="button" onClick={cancel}>
            {t("common.cancel")}
          </button>
        ) : (
          <button
            type="button"
            className={`button button--primary${onDevice === documents.length && documents.length > 0 ? "" : " button--large"}`}
            disabled={!online}
            onClick={() => void start()}
          >
            ⤓ {t("offline.download")}
          </button>
        )}
        <span className="offline-package__status" role="status" aria-live="polite">
          {phase === "listing" && t("offline.listing")}
          {phase === "downloading" &&
            t("offline.progress", {
              done: totals.filesDone,
              total: totals.filesTotal,
              bytesDone: formatBytes(totals.bytesDone, language),
              bytesTotal: formatBytes(totals.bytesTotal, language),
            })}
          {phase === "finished" &&
            (totals.failed === 0
              ? `✓ ${t("offline.finished", { count: totals.filesTotal, size: formatBytes(totals.bytesTotal, language) })}`
              : t("offline.someFailed", { failed: totals.failed, total: totals.filesTotal }))}
          {phase === "idle" && !online && t("offline.needsNetwork")}
          {phase === "idle" && online && documents.length > 0 && (
            <>
              {onDevice === documents.length ? `✓ ${t("offline.allOnDevice", { count: documents.length })}` : t("offline.onDeviceCount", { stored: onDevice, total: documents.length })}
              {record && ` · ${t("offline.lastDownload", { when: formatDateTime(record.at) })}`}
            </>
          )}
        </span>
      </div>
      {(phase === "downloading" || phase === "finished") && (
        <div
          className={`offline-package__track${totals.failed > 0 ? " offline-package__track--failed" : ""}`}
          role="progressbar"
          aria-label={t("offline.download")}
          aria-valuemin={0}
          aria-valuemax={totals.bytesTotal}
          aria-valuenow={totals.bytesDone}
        >
          <span style={{ width: `${Math.round(totals.fraction * 1000) / 10}%` }} />
        </div>
      )}
      {error && <p className="notice notice--error">{error}</p>}
      {phase === "finished" && failures.length > 0 && (
        <div className="notice notice--error offline-package__failures">
          <ul>
            {failures.map((file) => (
              <li key={file.entry.document_id}>
                {file.entry.title}: {file.message}
              </li>
            ))}
          </ul>
          <button type="button" className="button" disabled={!online} onClick={retry}>
            {t("common.retry")}
          </button>
        </div>
      )}
    </div>
  );
}
