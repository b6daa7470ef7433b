// The fields of classifying and assigning: agency, due date, level, needs resources.
import { useI18n } from "../i18n/I18nProvider";
import type { AgencyOption } from "../questions/types";
import type { AssignmentForm } from "./petitions";
import { LEVELS, type Level } from "./types";

export const EMPTY_ASSIGNMENT: AssignmentForm = { agencyId: "", dueOn: "", level: "", needsResources: "" };

export function AssignFields({ form, onChange, agencies }: { form: AssignmentForm; onChange: (form: AssignmentForm) => void; agencies: AgencyOption[] }) {
  const { t } = useI18n();
  return (
    <div className="field-row">
      <label className="field">
        <span>{t("petition.agency")}</span>
        <select value={form.agencyId} onChange={(event) => onChange({ ...form, agencyId: event.target.value })}>
          <option value="">{t("petition.unchanged")}</option>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("petition.dueOn")}</span>
        <input type="date" value={form.dueOn} onChange={(event) => onChange({ ...form, dueOn: event.target.value })} />
      </label>
      <label className="field">
        <span>{t("petition.levelLabel")}</span>
        <select value={form.level} onChange={(event) => onChange({ ...form, level: event.target.value as Level | "" })}>
          <option value="">{t("petition.unchanged")}</option>
          {LEVELS.map((level) => (
            <option key={level} value={level}>
              {t(`petition.level.${level}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("petition.needsResources")}</span>
        <select value={form.needsResources} onChange={(event) => onChange({ ...form, needsResources: event.target.value as AssignmentForm["needsResources"] })}>
          <option value="">{t("petition.unchanged")}</option>
          <option value="true">{t("common.yes")}</option>
          <option value="false">{t("common.no")}</option>
        </select>
      </label>
    </div>
  );
}
