// The petitions report: period, totals and the resolved share, groups with bars, overdue, the
// months' trend as a chart.
import { useState } from "react";
import { messageOf } from "../api/errors";
import { downloadFile } from "../api/download";
import { paths } from "../app/routes";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/vi";
import { formatDay } from "../kit/days";
import { petitionReport } from "./api";
import { barPercent, defaultPeriod, formatCount, formatShare, reportPath, vietnamToday } from "./petitions";
import { TrendChart } from "./TrendChart";
import { PETITION_STATES, RESPONSE_STATUSES, type ReportGroup } from "./types";
import "./petitions.css";

function Groups({ title, groups, noneLabel }: { title: string; groups: ReportGroup[]; noneLabel: MessageKey }) {
  const { t, language } = useI18n();
  const max = Math.max(0, ...groups.map((g) => g.total));
  return (
    <section className="panel" aria-label={title}>
      <h2>{title}</h2>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t("petition.name")}</th>
            <th scope="col">{t("petition.total")}</th>
            <th scope="col">{t("petition.resolvedShare")}</th>
            <th scope="col">{t("petition.overdueCount")}</th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.key}>
              <th scope="row">{g.key === "none" ? t(noneLabel) : g.name}</th>
              <td>{formatCount(g.total, language)}</td>
              <td>{formatShare(g.resolved, g.total, g.resolved_share, language)}</td>
              <td>{formatCount(g.overdue, language)}</td>
              <td style={{ width: "30%" }} aria-hidden="true">
                <span className="report-bar" style={{ width: `${barPercent(g.total, max)}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export default function PetitionReportScreen({ councilId }: { councilId: number }) {
  const { t, language } = useI18n();
  const [period, setPeriod] = useState(() => defaultPeriod(vietnamToday()));
  const report = useAsync(() => petitionReport(councilId, period.from, period.to), [councilId, period.from, period.to]);
  const data = report.data;
  return (
    <div className="screen">
      <TopBar title={t("petition.reportTitle")} subtitle={data?.council} backTo={paths.petitions(councilId)} />
      <main className="petitions-page">
        <div className="field-row">
          <label className="field"><span>{t("petition.from")}</span><input type="date" value={period.from} onChange={(event) => setPeriod({ ...period, from: event.target.value })} /></label>
          <label className="field"><span>{t("petition.to")}</span><input type="date" value={period.to} onChange={(event) => setPeriod({ ...period, to: event.target.value })} /></label>
          <button type="button" className="button" onClick={() => void downloadFile(reportPath(councilId, period.from, period.to, "xlsx"), `bao-cao-kien-nghi.xlsx`)}>{t("petition.xlsx")}</button>
          <button type="button" className="button" onClick={() => void downloadFile(reportPath(councilId, period.from, period.to, "pdf"), `bao-cao-kien-nghi.pdf`)}>{t("petition.pdf")}</button>
        </div>
        {report.error != null && <ErrorNotice message={messageOf(report.error, t("common.error"))} onRetry={report.reload} retryLabel={t("common.retry")} />}
        {data && (
          <>
            <section className="panel" aria-label={t("petition.total")}>
              <p>{t("petition.total")}: <strong>{formatCount(data.total, language)}</strong></p>
              <p>{t("petition.resolvedShare")}: <strong className="report-share">{formatShare(data.resolved, data.total, data.resolved_share, language)}</strong></p>
              <p>{t("petition.overdueCount")}: <strong className="report-overdue">{formatCount(data.overdue, language)}</strong></p>
              <h3>{t("petition.byState")}</h3>
              <ul aria-label={t("petition.byState")}>
                {PETITION_STATES.map((state) => (
                  <li key={state}>
                    {t(`petition.state.${state}`)}: <strong>{formatCount(data.by_state[state] ?? 0, language)}</strong>
                  </li>
                ))}
              </ul>
              <h3>{t("petition.byStatus")}</h3>
              <ul aria-label={t("petition.byStatus")}>
                {[...RESPONSE_STATUSES, "none" as const].map((status) => (
                  <li key={status}>
                    {t(`petition.status.${status}`)}: <strong>{formatCount(data.by_status[status] ?? 0, language)}</strong>
                  </li>
                ))}
              </ul>
            </section>
            <Groups title={t("petition.byAgency")} groups={data.by_agency} noneLabel="petition.noAgency" />
            <Groups title={t("petition.byField")} groups={data.by_field} noneLabel="petition.unclassified" />
            <Groups title={t("petition.byLevel")} groups={data.by_level} noneLabel="petition.unclassified" />
            {data.overdue_items && (
              <section className="panel" aria-label={t("petition.overdueList")}>
                <h2>{t("petition.overdueList")}</h2>
                <ul>{data.overdue_items.map((item) => <li key={item.id}>{t("petition.number", { id: item.id })}: {item.text} · {item.agency ?? ""} · {formatDay(item.due_on)} ({t("petition.daysOverdue", { days: item.days_overdue })})</li>)}</ul>
              </section>
            )}
            <section className="panel" aria-label={t("petition.months")}>
              <h2>{t("petition.months")}</h2>
              <TrendChart months={data.months} />
            </section>
          </>
        )}
      </main>
    </div>
  );
}
