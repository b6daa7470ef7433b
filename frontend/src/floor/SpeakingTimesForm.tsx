// The secretariat's speaking time per kind of speaker for one meeting (PATCH /meetings/{id}
// `speaking_time_s`), in minutes and seconds; a new speaker's allotted time comes from here.
import { useState, type FormEvent } from "react";
import type { Meeting } from "../api/types";
import { ErrorNotice } from "../components/ErrorNotice";
import { useAction } from "../components/useAction";
import { useI18n } from "../i18n/I18nProvider";
import { saveSpeakingTimes } from "./api";
import { DEFAULT_SPEAKING_TIME_S, SPEAKER_KINDS, type SpeakerKind } from "./types";

type Times = Record<SpeakerKind, number>;

export const MIN_SPEAKING_TIME_S = 10;
export const MAX_SPEAKING_TIME_S = 7200;

/** The meeting's times as the server sent them, each kind falling back to API.md's default. */
export function speakingTimesOf(meeting: Meeting): Times {
  const chosen = (meeting as Meeting & { speaking_time_s?: Partial<Times> }).speaking_time_s ?? {};
  return Object.fromEntries(SPEAKER_KINDS.map((kind) => [kind, chosen[kind] ?? DEFAULT_SPEAKING_TIME_S[kind]])) as Times;
}

export function SpeakingTimesForm({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { busy, error, run } = useAction();
  const [times, setTimes] = useState<Times>(() => speakingTimesOf(meeting));
  const [saved, setSaved] = useState(false);

  const change = (kind: SpeakerKind, seconds: number) => {
    setSaved(false);
    setTimes((before) => ({ ...before, [kind]: seconds }));
  };
  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(() => saveSpeakingTimes(meeting.id, times)).then(setSaved);
  };

  return (
    <section className="panel speaking-times">
      <h2>{t("floor.times.title")}</h2>
      <form onSubmit={save}>
        <div className="field-row">
          {SPEAKER_KINDS.map((kind) => (
            <label key={kind} className="field">
              <span>{t(`floor.kind.${kind}`)} ({t("floor.times.seconds")})</span>
              <input
                type="number"
                inputMode="numeric"
                min={MIN_SPEAKING_TIME_S}
                max={MAX_SPEAKING_TIME_S}
                step={1}
                required
                value={times[kind]}
                onChange={(event) => change(kind, Number(event.target.value))}
              />
            </label>
          ))}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("common.save")}
        </button>
        {saved && <span role="status" className="speaking-times__saved">{t("floor.times.saved")}</span>}
      </form>
      {error && <ErrorNotice message={error} />}
    </section>
  );
}
