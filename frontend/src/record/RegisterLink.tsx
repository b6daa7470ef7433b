import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";

/** "Sổ nghị quyết": the council's register of resolutions. */
export function RegisterLink({ councilId }: { councilId: number }) {
  const { t } = useI18n();
  return (
    <Link className="button button--ghost" href={paths.resolutions(councilId)}>
      {t("resolution.register")}
    </Link>
  );
}
