import { useState, type FormEvent } from "react";
import { messageOf } from "../api/errors";
import { navigate, useLocation } from "../app/navigation";
import { safeNext } from "../app/routes";
import { rememberedDeviceName } from "../auth/deviceName";
import { useSession } from "../auth/SessionProvider";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";

export function LoginScreen() {
  const { t, language, setLanguage } = useI18n();
  const { login } = useSession();
  const { search } = useLocation();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [deviceName, setDeviceName] = useState(rememberedDeviceName);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      await login(username.trim(), password, deviceName.trim());
      navigate(safeNext(new URLSearchParams(search).get("next")), { replace: true });
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
      setSending(false);
    }
  }

  return (
    <main className="login">
      <form className="login__card" onSubmit={(event) => void submit(event)}>
        <div className="login__brand">
          <img src="/icon.svg" alt="" width={56} height={56} />
          <div>
            <div className="login__name">{t("app.name")}</div>
            <div className="login__tagline">{t("app.tagline")}</div>
          </div>
        </div>
        <h1>{t("login.title")}</h1>
        <label className="field">
          <span>{t("login.username")}</span>
          <input
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            autoCorrect="off"
            required
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("login.password")}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{t("login.device")}</span>
          <input name="device" maxLength={200} value={deviceName} onChange={(event) => setDeviceName(event.target.value)} />
          <small>{t("login.deviceHint")}</small>
        </label>
        {error && <ErrorNotice message={error} />}
        <button type="submit" className="button button--primary button--large" disabled={sending}>
          {sending ? t("login.sending") : t("login.submit")}
        </button>
        <button type="button" className="button button--ghost" onClick={() => setLanguage(language === "vi" ? "en" : "vi")}>
          {t("common.language")}
        </button>
      </form>
    </main>
  );
}
