import { useState } from "react";
import { api, call } from "../api/client";
import { messageOf } from "../api/errors";
import { paths } from "../app/routes";
import { ErrorNotice } from "../components/ErrorNotice";
import { TopBar } from "../components/TopBar";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";

/** "My devices": every tablet and browser logged in as me; a lost one is revoked from here. */
export function DevicesScreen() {
  const { t, formatDateTime } = useI18n();
  const devices = useAsync(() => call(api.GET("/api/v1/me/devices")), []);
  const [error, setError] = useState<string | null>(null);

  async function revoke(deviceId: number) {
    setError(null);
    try {
      await call(api.DELETE("/api/v1/me/devices/{device_id}", { params: { path: { device_id: deviceId } } }));
      devices.reload();
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
    }
  }

  return (
    <div className="screen">
      <TopBar title={t("devices.title")} backTo={paths.meetings()} />
      <main className="page">
        {devices.error != null && <ErrorNotice message={messageOf(devices.error, t("common.error"))} />}
        {error && <ErrorNotice message={error} />}
        <ul className="device-list">
          {(devices.data?.items ?? []).map((device) => (
            <li key={device.id} className="card device">
              <div>
                <strong>{device.device_name || t("devices.unnamed")}</strong>
                {device.current && <span className="badge badge--in_progress">{t("devices.current")}</span>}
                <div className="muted">{device.user_agent}</div>
                <div className="muted">{t("devices.lastUsed", { when: formatDateTime(device.last_used_at) })}</div>
              </div>
              <button type="button" className="button button--danger" onClick={() => void revoke(device.id)}>
                {t("devices.revoke")}
              </button>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
