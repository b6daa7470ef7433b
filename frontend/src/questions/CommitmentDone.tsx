// Marks an open commitment done (the secretariat), or opens it again.
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { setCommitmentState } from "./api";
import type { Commitment } from "./types";

export function CommitmentDone({ commitment, onChanged }: { commitment: Commitment; onChanged?: () => void }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const next = commitment.state === "open" ? "done" : "open";
  const toggle = () => void run(() => setCommitmentState(commitment.id, next)).then((done) => done && onChanged?.());
  return (
    <>
      <button type="button" className="button button--ghost" disabled={busy} onClick={toggle}>
        {next === "done" ? t("commitment.markDone") : t("commitment.reopen")}
      </button>
      {error && <ErrorNotice message={error} />}
    </>
  );
}
