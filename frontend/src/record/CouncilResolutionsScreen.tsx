// A council's register of resolutions (sổ nghị quyết), /councils/{id}/resolutions?year=…: of
// one year (the server filters) or of every year, grouped by year, the latest first.
import { messageOf } from "../api/errors";
import { navigate } from "../app/navigation";
import { paths } from "../app/routes";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { councilResolutions } from "./api";
import { ResolutionList } from "./ResolutionList";
import { byYear, yearChoices } from "./resolutions";
import { vietnamYear } from "./vietnamTime";
import "./record.css";

/** The years before this one the filter always offers (a council's term is five years). */
const YEARS_BACK = 5;

export default function CouncilResolutionsScreen({ councilId, year }: { councilId: number; year: number | null }) {
  const { t } = useI18n();
  const { me } = useSession();
  const register = useAsync(() => councilResolutions(councilId, year), [councilId, year]);
  const groups = byYear(register.data ?? []);
  const thisYear = vietnamYear(new Date());
  const recent = Array.from({ length: YEARS_BACK }, (_, back) => thisYear - back - 1);
  const years = yearChoices(thisYear, [...recent, ...groups.map((group) => group.year)], year);
  const council = me?.memberships.find((membership) => membership.council_id === councilId)?.council_name;
  return (
    <div className="screen">
      <TopBar title={t("resolution.register")} subtitle={council} backTo={paths.meetings()} />
      <main className="page resolutions-page">
        <label className="field resolutions-page__year">
          <span>{t("resolution.year")}</span>
          <select value={year ?? ""} onChange={(event) => navigate(paths.resolutions(councilId, event.target.value ? Number(event.target.value) : null), { replace: true })}>
            <option value="">{t("resolution.allYears")}</option>
            {years.map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </label>
        {register.error != null && <ErrorNotice message={messageOf(register.error, t("common.error"))} onRetry={register.reload} retryLabel={t("common.retry")} />}
        {register.loading && !register.data && <p className="loading">{t("common.loading")}</p>}
        {register.data && groups.length === 0 && <p className="empty">{t("resolution.none")}</p>}
        {groups.map((group) => (
          <section key={group.year} className="resolutions-page__year-group" aria-labelledby={`year-${group.year}`}>
            <h2 id={`year-${group.year}`}>{t("resolution.ofYear", { year: group.year })}</h2>
            <ResolutionList resolutions={group.items} label={t("resolution.ofYear", { year: group.year })} />
          </section>
        ))}
      </main>
    </div>
  );
}
