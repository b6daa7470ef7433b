// One entry of the register: number, title, adopted on, the adopting vote's outcome, the text.
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../kit/days";
import { pollSummary } from "./resolutions";
import type { Resolution } from "./types";

export function ResolutionLine({ resolution }: { resolution: Resolution }) {
  const { t } = useI18n();
  const { poll, document } = resolution;
  return (
    <li className="card resolution">
      <div className="resolution__head">
        <strong className="resolution__number">{resolution.number}</strong>
        <span className="muted">{t("resolution.adoptedOn", { day: formatDay(resolution.adopted_on) })}</span>
      </div>
      <p className="resolution__title">{resolution.title}</p>
      {poll && (
        <p className={`resolution__poll resolution__poll--${poll.passed ? "passed" : "failed"}`}>
          {t("resolution.outcome", { outcome: poll.outcome, votes: pollSummary(poll) })}
        </p>
      )}
      {document && (
        <Link className="button button--ghost resolution__document" href={paths.reader(resolution.meeting_id, document.id)}>
          {t("resolution.openDocument")}: {document.title}
        </Link>
      )}
    </li>
  );
}
