import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";

export function NotFoundScreen() {
  const { t } = useI18n();
  return (
    <main className="page page--center">
      <p>{t("meeting.notFound")}</p>
      <Link className="button" href={paths.meetings()}>
        {t("meetings.title")}
      </Link>
    </main>
  );
}
