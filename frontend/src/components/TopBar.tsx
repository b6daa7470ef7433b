import type { ReactNode } from "react";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { useSession } from "../auth/SessionProvider";
import { useI18n } from "../i18n/I18nProvider";

interface TopBarProps {
  title: string;
  subtitle?: string;
  backTo?: string;
  children?: ReactNode;
}

/** The bar at the top of every screen: back, title, what the screen adds, language, account. */
export function TopBar({ title, subtitle, backTo, children }: TopBarProps) {
  const { t, language, setLanguage } = useI18n();
  const { me, logout } = useSession();
  return (
    <header className="topbar">
      {backTo && (
        <Link className="button button--ghost topbar__back" href={backTo} aria-label={t("common.back")}>
          ‹ {t("common.back")}
        </Link>
      )}
      <div className="topbar__titles">
        <h1 className="topbar__title">{title}</h1>
        {subtitle && <div className="topbar__subtitle">{subtitle}</div>}
      </div>
      <div className="topbar__actions">
        {children}
        <button
          type="button"
          className="button button--ghost"
          lang={language === "vi" ? "en" : "vi"}
          onClick={() => setLanguage(language === "vi" ? "en" : "vi")}
        >
          {t("common.language")}
        </button>
        {me && (
          <details className="account">
            <summary className="button button--ghost">{me.full_name}</summary>
            <div className="account__menu">
              <Link className="button button--ghost" href={paths.devices()}>
                {t("common.devices")}
              </Link>
              <button type="button" className="button button--ghost" onClick={() => void logout()}>
                {t("common.logout")}
              </button>
            </div>
          </details>
        )}
      </div>
    </header>
  );
}
