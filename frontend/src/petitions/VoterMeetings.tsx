// Tiếp xúc cử tri: the secretariat records a meeting of deputies with their voters (before or
// after a session), and sees the council's meetings with the petitions heard at each.
import { useState, type FormEvent } from "react";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useAsync } from "../components/useAsync";
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../kit/days";
import { createVoterMeeting, listDeputies } from "./api";
import { formatCount, newVoterMeetingForm, vietnamToday, voterMeetingBody, type VoterMeetingForm } from "./petitions";
import { VOTER_MEETING_WHEN, type DeputyOption, type VoterMeeting, type VoterMeetingWhen } from "./types";

function DeputyChoice({ deputies, chosen, onChange }: { deputies: DeputyOption[]; chosen: number[]; onChange: (ids: number[]) => void }) {
  const { t } = useI18n();
  function toggle(id: number, on: boolean) {
    onChange(on ? [...chosen.filter((known) => known !== id), id] : chosen.filter((known) => known !== id));
  }
  return (
    <fieldset className="voter-meeting-deputies">
      <legend>{t("voterMeeting.deputies")}</legend>
      {deputies.length === 0 && <p className="muted">{t("voterMeeting.noDeputies")}</p>}
      {deputies.map((deputy) => (
        <label key={deputy.user_id} className="toggle">
          <input type="checkbox" checked={chosen.includes(deputy.user_id)} onChange={(event) => toggle(deputy.user_id, event.target.checked)} />
          <span>{deputy.full_name}</span>
        </label>
      ))}
    </fieldset>
  );
}

function VoterMeetingCreateForm({ councilId, onCreated }: { councilId: number; onCreated: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState<VoterMeetingForm>(() => newVoterMeetingForm(vietnamToday()));
  const [done, setDone] = useState<string | null>(null);
  const deputies = useAsync(() => listDeputies(councilId), [councilId]);
  const { busy, error, run } = useAction();
  const change = (changes: Partial<VoterMeetingForm>) => {
    setForm((current) => ({ ...current, ...changes }));
    setDone(null);
  };

  function send(event: FormEvent) {
    event.preventDefault();
    let created: VoterMeeting | null = null;
    void run(async () => {
      created = await createVoterMeeting(councilId, voterMeetingBody(form));
    }).then((ok) => {
      if (!ok || !created) return;
      setForm(newVoterMeetingForm(form.heldOn));
      setDone(t("voterMeeting.created", { place: created.place }));
      onCreated();
    });
  }

  return (
    <form className="panel petition-form" aria-label={t("voterMeeting.create")} onSubmit={send}>
      <h2>{t("voterMeeting.create")}</h2>
      <div className="field-row">
        <label className="field">
          <span>{t("voterMeeting.heldOn")}</span>
          <input type="date" required value={form.heldOn} onChange={(event) => change({ heldOn: event.target.value })} />
        </label>
        <label className="field">
          <span>{t("voterMeeting.place")}</span>
          <input required maxLength={300} value={form.place} onChange={(event) => change({ place: event.target.value })} />
        </label>
        <label className="field">
          <span>{t("voterMeeting.unit")}</span>
          <input maxLength={200} value={form.unit} onChange={(event) => change({ unit: event.target.value })} />
        </label>
        <label className="field">
          <span>{t("voterMeeting.when")}</span>
          <select value={form.when} onChange={(event) => change({ when: event.target.value as VoterMeetingWhen })}>
            {VOTER_MEETING_WHEN.map((when) => (
              <option key={when} value={when}>
                {t(`voterMeeting.when.${when}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("voterMeeting.voters")}</span>
          <input type="number" inputMode="numeric" min={0} max={10_000_000} step={1} value={form.voters} onChange={(event) => change({ voters: event.target.value })} />
        </label>
      </div>
      {deputies.error != null ? (
        <ErrorNotice message={t("common.error")} onRetry={deputies.reload} retryLabel={t("common.retry")} />
      ) : (
        deputies.data && <DeputyChoice deputies={deputies.data} chosen={form.deputyIds} onChange={(deputyIds) => change({ deputyIds })} />
      )}
      {error && <ErrorNotice message={error} />}
      {done && <p role="status">{done}</p>}
      <div>
        <button type="submit" className="button button--primary" disabled={busy || !form.heldOn || !form.place.trim()}>
          {t("voterMeeting.create")}
        </button>
      </div>
    </form>
  );
}

function VoterMeetingLine({ meeting }: { meeting: VoterMeeting }) {
  const { t, language } = useI18n();
  const parts = [
    formatDay(meeting.held_on),
    meeting.place,
    meeting.unit,
    t(`voterMeeting.when.${meeting.when}`),
    meeting.voters === null ? "" : t("voterMeeting.voterCount", { count: formatCount(meeting.voters, language) }),
    t("voterMeeting.petitionCount", { count: formatCount(meeting.petitions, language) }),
  ];
  return <li>{parts.filter(Boolean).join(" · ")}</li>;
}

export function VoterMeetings({ councilId, voterMeetings, onCreated }: { councilId: number; voterMeetings: VoterMeeting[]; onCreated: () => void }) {
  const { t } = useI18n();
  return (
    <div className="voter-meeting-tools">
      <VoterMeetingCreateForm councilId={councilId} onCreated={onCreated} />
      <section className="panel voter-meetings" aria-label={t("voterMeeting.list")}>
        <h2>{t("voterMeeting.list")}</h2>
        {voterMeetings.length === 0 ? (
          <p className="empty">{t("voterMeeting.none")}</p>
        ) : (
          <ul className="voter-meeting-list" aria-label={t("voterMeeting.list")}>
            {voterMeetings.map((meeting) => (
              <VoterMeetingLine key={meeting.id} meeting={meeting} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
