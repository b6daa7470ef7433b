// The council's agencies (Ủy ban nhân dân, Sở …, Tòa án, Viện kiểm sát) with the officials who
// answer questions and petitions for them (người trả lời chất vấn), and, while the council sits,
// a form to add one. Respondents come with the member list (role and agency columns).
import { useState, type FormEvent } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import { AGENCY_KINDS, type AgencyKind } from "../api/types";
import { roleLabel } from "../auth/roles";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { agencyRows } from "./agencies";

export function AgencyPanel({ councilId, canAdd }: { councilId: number; canAdd: boolean }) {
  const { t } = useI18n();
  const agencies = useAsync(() => call(api.GET("/api/v1/councils/{council_id}/agencies", { params: { path: { council_id: councilId } } })), [councilId]);
  const [name, setName] = useState("");
  const [kind, setKind] = useState<AgencyKind>("department");
  const [parentId, setParentId] = useState("");
  const { busy, error, run } = useAction();
  const items = agencies.data?.items ?? [];
  const rows = agencyRows(items);

  function add(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return;
    void run(() =>
      call(
        api.POST("/api/v1/councils/{council_id}/agencies", {
          params: { path: { council_id: councilId } },
          body: { name: name.trim(), kind, parent_id: parentId ? Number(parentId) : null },
        }),
      ),
    ).then((done) => {
      if (!done) return;
      setName("");
      setParentId("");
      agencies.reload();
    });
  }

  return (
    <section className="panel agencies">
      <h2>{t("agency.title")}</h2>
      {agencies.error != null && <ErrorNotice message={messageOf(agencies.error, t("common.error"))} onRetry={agencies.reload} retryLabel={t("common.retry")} />}
      {agencies.data && rows.length === 0 && <p className="empty">{t("agency.empty")}</p>}
      <ul className="agency-list" aria-label={t("agency.title")}>
        {rows.map(({ agency, depth }) => (
          <li key={agency.id} className="agency" style={{ marginInlineStart: `${Math.min(depth, 4) * 1.25}rem` }}>
            <div className="agency__head">
              <span className="agency__name">{agency.name}</span>
              <span className="badge">{t(`agency.kind.${agency.kind}`)}</span>
            </div>
            {agency.respondents && agency.respondents.length > 0 ? (
              <div className="agency__respondents">
                <span className="muted">{roleLabel(t, "respondent")}:</span>
                <ul aria-label={`${roleLabel(t, "respondent")}: ${agency.name}`}>
                  {agency.respondents.map((person) => (
                    <li key={person.user_id}>
                      <span className="agency__person">{person.full_name}</span>
                      {person.position && <span className="muted"> · {person.position}</span>}
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="muted agency__none">{t("agency.noRespondents")}</p>
            )}
          </li>
        ))}
      </ul>
      {canAdd && (
        <form className="agency-form" onSubmit={add}>
          <h3>{t("agency.new")}</h3>
          <p className="muted">{t("agency.respondentsHint")}</p>
          <label className="field">
            <span>{t("agency.name")}</span>
            <input required value={name} onChange={(event) => setName(event.target.value)} />
          </label>
          <div className="field-row">
            <label className="field">
              <span>{t("agency.kind")}</span>
              <select value={kind} onChange={(event) => setKind(event.target.value as AgencyKind)}>
                {AGENCY_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {t(`agency.kind.${value}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t("agency.parent")}</span>
              <select value={parentId} onChange={(event) => setParentId(event.target.value)}>
                <option value="">{t("common.none")}</option>
                {rows.map(({ agency, depth }) => (
                  <option key={agency.id} value={agency.id}>
                    {`${"— ".repeat(depth)}${agency.name}`}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {error && <ErrorNotice message={error} />}
          <button type="submit" className="button button--primary" disabled={busy}>
            {t("agency.new")}
          </button>
        </form>
      )}
    </section>
  );
}
