// A council's commitments (cam kết) from questioning: open ones oldest due first, overdue in red;
// those done on request. The secretariat marks them done.
import { useState } from "react";
import { messageOf } from "../api/errors";
import { paths } from "../app/routes";
import { canManage } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { councilCommitments } from "./api";
import { CommitmentDone } from "./CommitmentDone";
import { CommitmentLine } from "./CommitmentLine";
import { commitmentsInOrder } from "./questions";
import "./questions.css";

export default function CommitmentsScreen({ councilId }: { councilId: number }) {
  const { t } = useI18n();
  const { me } = useSession();
  const [withDone, setWithDone] = useState(false);
  const commitments = useAsync(() => councilCommitments(councilId, withDone), [councilId, withDone]);
  const items = commitmentsInOrder(commitments.data ?? []);
  const manager = canManage(me, councilId);
  return (
    <div className="screen">
      <TopBar title={t("commitment.title")} subtitle={me?.memberships.find((m) => m.council_id === councilId)?.council_name} backTo={paths.meetings()} />
      <main className="questions-page">
        <label className="toggle">
          <input type="checkbox" checked={withDone} onChange={(event) => setWithDone(event.target.checked)} />
          <span>{t("commitment.withDone")}</span>
        </label>
        {commitments.error != null && <ErrorNotice message={messageOf(commitments.error, t("common.error"))} onRetry={commitments.reload} retryLabel={t("common.retry")} />}
        {commitments.data && items.length === 0 && <p className="empty">{t("commitment.none")}</p>}
        <ul className="commitment-list" aria-label={t("commitment.title")}>
          {items.map((commitment) => (
            <CommitmentLine key={commitment.id} commitment={commitment}>
              <span className="muted">{commitment.respondent?.full_name ?? commitment.agency?.name ?? ""}</span>
              {manager && <CommitmentDone commitment={commitment} onChanged={commitments.reload} />}
            </CommitmentLine>
          ))}
        </ul>
      </main>
    </div>
  );
}
