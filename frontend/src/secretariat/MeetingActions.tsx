// The meeting itself for the secretariat: rename it, move its place; publish, unpublish (back
// to draft before it starts) and delete a draft — each irreversible step confirmed first.
import { useState, type FormEvent } from "react";
import { api, call } from "../api/client";
import type { Meeting } from "../api/types";
import { navigate } from "../app/navigation";
import { paths } from "../app/routes";
import { useConfirm } from "../components/ConfirmDialog";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";

export function MeetingActions({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const { confirm, dialog } = useConfirm();
  const [title, setTitle] = useState(meeting.title);
  const [location, setLocation] = useState(meeting.location ?? "");
  const path = { params: { path: { meeting_id: meeting.id } } };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return;
    void run(() => call(api.PATCH("/api/v1/meetings/{meeting_id}", { ...path, body: { title: title.trim(), location: location.trim() } })));
  };
  const step = (kind: "publish" | "unpublish", request: () => Promise<unknown>) =>
    confirm({ title: t(`confirm.${kind}.title`, { title: meeting.title }), message: t(`confirm.${kind}.message`), confirmLabel: t(`secretariat.${kind}`) }, () => void run(request));
  const remove = () =>
    confirm(
      { title: t("confirm.deleteMeeting.title", { title: meeting.title }), message: t("confirm.deleteMeeting.message"), confirmLabel: t("edit.delete"), danger: true },
      () => void run(() => call(api.DELETE("/api/v1/meetings/{meeting_id}", path))).then((done) => done && navigate(paths.secretariat())),
    );

  return (
    <section className="panel meeting-actions">
      <h2>{t("secretariat.editMeeting")}</h2>
      <form className="field-row" onSubmit={save}>
        <label className="field">
          <span>{t("secretariat.meetingTitle")}</span>
          <input required value={title} onChange={(event) => setTitle(event.target.value)} />
        </label>
        <label className="field">
          <span>{t("secretariat.location")}</span>
          <input value={location} onChange={(event) => setLocation(event.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy}>
          {t("common.save")}
        </button>
      </form>
      <div className="meeting-actions__buttons">
        {meeting.state === "draft" && (
          <button type="button" className="button button--primary" disabled={busy} onClick={() => step("publish", () => call(api.POST("/api/v1/meetings/{meeting_id}/publish", path)))}>
            {t("secretariat.publish")}
          </button>
        )}
        {meeting.state === "published" && (
          <button type="button" className="button" disabled={busy} onClick={() => step("unpublish", () => call(api.POST("/api/v1/meetings/{meeting_id}/unpublish", path)))}>
            {t("secretariat.unpublish")}
          </button>
        )}
        {meeting.state === "draft" && (
          <button type="button" className="button button--danger" disabled={busy} onClick={remove}>
            {t("secretariat.deleteMeeting")}
          </button>
        )}
      </div>
      {error && <ErrorNotice message={error} />}
      {dialog}
    </section>
  );
}
