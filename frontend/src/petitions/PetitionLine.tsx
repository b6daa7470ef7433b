// One petition in a list: number, state, overdue in red, text, field, agency and due date.
import type { ReactNode } from "react";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../kit/days";
import type { Petition } from "./types";

export function PetitionLine({ petition, children }: { petition: Petition; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <li className={`card petition${petition.overdue ? " petition--overdue" : ""}`} aria-label={t("petition.number", { id: petition.id })}>
      <div className="petition__head">
        {children}
        <Link className="petition__number" href={paths.petition(petition.id)}>
          {t("petition.number", { id: petition.id })}
        </Link>
        <span className={`badge badge--petition-${petition.state}`}>{t(`petition.state.${petition.state}`)}</span>
        {petition.status && <span className="badge">{t(`petition.status.${petition.status}`)}</span>}
        {petition.overdue && <span className="badge badge--overdue">{t("petition.overdue")}</span>}
      </div>
      <p className="petition__text">{petition.text}</p>
      <p className="petition__meta muted">
        {petition.field}
        {petition.level ? ` · ${t(`petition.level.${petition.level}`)}` : ""}
        {` · ${petition.agency?.name ?? t("petition.noAgency")}`}
        {petition.due_on ? ` · ${t("petition.due", { day: formatDay(petition.due_on) })}` : ""}
        {petition.source_count > 1 ? ` · ${t("petition.sources", { count: petition.source_count })}` : ""}
      </p>
    </li>
  );
}
