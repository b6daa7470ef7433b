// Today's digest (bản tin nhắc việc) on the petitions screen: for an agency's respondent, what is
// overdue and what falls due within the reminder's days; for the secretariat also the answers
// waiting for the Thường trực's review and how many petitions still have no agency.
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../kit/days";
import { formatCount } from "./petitions";
import type { Filters } from "./petitions";
import type { Digest, DigestItem } from "./types";

/** How many of a group are listed by name; the rest are counted. */
export const DIGEST_SHOWN = 5;

function When({ item }: { item: DigestItem }) {
  const { t } = useI18n();
  if (item.due_on === null || item.days_left === null) return null;
  const day = formatDay(item.due_on);
  if (item.days_left < 0) return <>{t("petition.digestLate", { day, days: -item.days_left })}</>;
  if (item.days_left === 0) return <>{t("petition.digestToday", { day })}</>;
  return <>{t("petition.digestLeft", { day, days: item.days_left })}</>;
}

function Group({ title, items, tone, onShow }: { title: string; items: DigestItem[]; tone: string; onShow?: () => void }) {
  const { t, language } = useI18n();
  const rest = items.length - DIGEST_SHOWN;
  return (
    <section className={`petition-digest__group petition-digest__group--${tone}`} aria-label={title}>
      <h3>
        {title}: <strong className="petition-digest__count">{formatCount(items.length, language)}</strong>
      </h3>
      {items.length > 0 && (
        <ul>
          {items.slice(0, DIGEST_SHOWN).map((item) => (
            <li key={item.id}>
              <Link href={paths.petition(item.id)}>{t("petition.number", { id: item.id })}</Link>
              {item.agency ? ` · ${item.agency}` : ""} · <When item={item} />
              <span className="petition-digest__text">{item.text}</span>
            </li>
          ))}
        </ul>
      )}
      {rest > 0 && <p className="muted">{t("petition.digestMore", { count: formatCount(rest, language) })}</p>}
      {onShow && items.length > 0 && (
        <button type="button" className="button button--ghost" onClick={onShow}>
          {t("petition.digestShowAll")}
        </button>
      )}
    </section>
  );
}

export function PetitionDigest({ digest: data, onFilter }: { digest: Digest | null; onFilter: (changes: Partial<Filters>) => void }) {
  const { t, language } = useI18n();
  if (!data) return null;
  return (
    <section className="panel petition-digest" aria-label={t("petition.digest")}>
      <h2>
        {t("petition.digest")} <span className="muted">({formatDay(data.as_of)})</span>
      </h2>
      <div className="petition-digest__groups">
        <Group title={t("petition.digestOverdue")} items={data.overdue} tone="overdue" onShow={() => onFilter({ overdue: "true" })} />
        <Group title={t("petition.digestDueSoon", { days: data.remind_days })} items={data.due_soon} tone="soon" />
        {data.awaiting_review && (
          <Group title={t("petition.digestAwaitingReview")} items={data.awaiting_review} tone="review" onShow={() => onFilter({ state: "answered" })} />
        )}
        {data.unassigned !== null && (
          <section className="petition-digest__group" aria-label={t("petition.digestUnassigned")}>
            <h3>
              {t("petition.digestUnassigned")}: <strong className="petition-digest__count">{formatCount(data.unassigned, language)}</strong>
            </h3>
            {data.unassigned > 0 && (
              <button type="button" className="button button--ghost" onClick={() => onFilter({ state: "received" })}>
                {t("petition.digestShowAll")}
              </button>
            )}
          </section>
        )}
      </div>
    </section>
  );
}
