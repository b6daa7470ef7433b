// Record one petition; likely duplicates are shown while the text is typed (debounced).
import { useEffect, useState, type FormEvent } from "react";
import { Link } from "../app/Link";
import { paths } from "../app/routes";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { createPetition, similarPetitions } from "./api";
import type { Similar, VoterMeeting } from "./types";
import { VoterMeetingSelect } from "./VoterMeetingSelect";

const DEBOUNCE_MS = 400;

export function RecordPetition({ councilId, voterMeetings, onRecorded }: { councilId: number; voterMeetings: VoterMeeting[]; onRecorded: () => void }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [field, setField] = useState("");
  const [locality, setLocality] = useState("");
  const [meetingId, setMeetingId] = useState("");
  const [similar, setSimilar] = useState<{ text: string; items: Similar[] }>({ text: "", items: [] });
  const [done, setDone] = useState<number | null>(null);
  const { busy, error, run } = useAction();

  useEffect(() => {
    const wanted = text.trim();
    if (wanted.length < 8) return;
    let latest = true;
    const timer = setTimeout(() => {
      similarPetitions(councilId, wanted).then(
        (items) => latest && setSimilar({ text: wanted, items }),
        () => undefined,
      );
    }, DEBOUNCE_MS);
    return () => {
      latest = false;
      clearTimeout(timer);
    };
  }, [councilId, text]);

  function send(event: FormEvent) {
    event.preventDefault();
    let id: number | null = null;
    void run(async () => {
      id = (await createPetition(councilId, { text: text.trim(), field: field.trim(), locality: locality.trim(), voter_meeting_id: meetingId ? Number(meetingId) : null })).id;
    }).then((ok) => {
      if (!ok) return;
      // the form is reset before the list reloads
      setText("");
      setLocality("");
      setSimilar({ text: "", items: [] });
      setDone(id);
      onRecorded();
    });
  }

  const shown = text.trim().length >= 8 && similar.text ? similar.items : [];
  return (
    <form className="panel petition-form" aria-label={t("petition.record")} onSubmit={send}>
      <h2>{t("petition.record")}</h2>
      <label className="field">
        <span>{t("petition.text")}</span>
        <textarea required maxLength={10_000} value={text} onChange={(event) => { setText(event.target.value); setDone(null); }} />
      </label>
      {shown.length > 0 && (
        <section className="petition-similar" aria-label={t("petition.similar")}>
          <h3>{t("petition.similar")}</h3>
          <ul>
            {shown.map((hit) => (
              <li key={hit.id}>
                <Link href={paths.petition(hit.id)}>{t("petition.number", { id: hit.id })}</Link> ({t("petition.score", { score: Math.round(hit.score) })}): {hit.text}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="field-row">
        <label className="field">
          <span>{t("petition.field")}</span>
          <input required maxLength={100} value={field} onChange={(event) => setField(event.target.value)} />
        </label>
        <label className="field">
          <span>{t("petition.locality")}</span>
          <input maxLength={200} value={locality} onChange={(event) => setLocality(event.target.value)} />
        </label>
        <VoterMeetingSelect voterMeetings={voterMeetings} value={meetingId} onChange={setMeetingId} />
      </div>
      {error && <ErrorNotice message={error} />}
      {done !== null && <p role="status">{t("petition.recorded", { id: done })}</p>}
      <div>
        <button type="submit" className="button button--primary" disabled={busy || !text.trim() || !field.trim()}>
          {t("petition.record")}
        </button>
      </div>
    </form>
  );
}
