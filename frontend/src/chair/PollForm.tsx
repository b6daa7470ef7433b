// The chair creates a poll for an agenda item from a preset (resolution, confidence rating,
// election, custom) and may adjust the rule: basis × threshold, secret, duration. The draft lives
// in the console (pollDraft.ts), so a change of the current item does not wipe what was typed.
import { useState, type FormEvent } from "react";
import { messageOf } from "../api/errors";
import { createPoll, type Poll, type PollBasis, type PollPreset, type PollThreshold } from "../api/voting";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import { pollRequest, presetNeedsOptions, problemsOf, PRESETS, type PollForm as Form } from "../voting/presets";
import { afterCreate, choosePreset, editDraft, type PollDraft } from "./pollDraft";

const BASES: PollBasis[] = ["seated", "present", "cast"];
const THRESHOLDS: PollThreshold[] = ["majority", "two_thirds"];

interface PollFormProps {
  agendaItemId: number;
  draft: PollDraft;
  onDraft: (draft: PollDraft) => void;
  onCreated: (poll: Poll) => void;
}

export function PollForm({ agendaItemId, draft, onDraft, onCreated }: PollFormProps) {
  const { t } = useI18n();
  const form = draft.form;
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const problems = problemsOf(form);
  const update = (changes: Partial<Form>) => onDraft(editDraft(draft, changes));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (problems.length > 0) {
      setShowProblems(true);
      return;
    }
    setSending(true);
    setError(null);
    try {
      onCreated(await createPoll(agendaItemId, pollRequest(form)));
      onDraft(afterCreate(draft));
      setShowProblems(false);
    } catch (failure) {
      setError(messageOf(failure, t("common.error")));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="poll-form" onSubmit={(event) => void submit(event)}>
      <fieldset className="segmented">
        <legend>{t("chair.preset")}</legend>
        {PRESETS.map((preset: PollPreset) => (
          <label key={preset} className={`segmented__option${form.preset === preset ? " segmented__option--on" : ""}`}>
            <input type="radio" name="preset" value={preset} checked={form.preset === preset} onChange={() => onDraft(choosePreset(draft, preset))} />
            {t(`chair.preset.${preset}`)}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t("chair.pollTitle")}</span>
        <input value={form.title} onChange={(event) => update({ title: event.target.value })} />
      </label>
      {presetNeedsOptions(form.preset) && (
        <label className="field">
          <span>{form.preset === "election" ? t("chair.candidates") : t("chair.options")}</span>
          <textarea rows={4} value={form.optionsText} onChange={(event) => update({ optionsText: event.target.value })} />
        </label>
      )}
      {form.preset === "election" && (
        <label className="field field--inline">
          <span>{t("chair.maxChoices")}</span>
          <input type="number" min={1} value={form.maxChoices} onChange={(event) => update({ maxChoices: Number(event.target.value) || 1 })} />
        </label>
      )}
      <div className="field-row">
        <label className="field">
          <span>{t("chair.threshold")}</span>
          <select value={form.threshold} onChange={(event) => update({ threshold: event.target.value as PollThreshold })}>
            {THRESHOLDS.map((threshold) => (
              <option key={threshold} value={threshold}>
                {t(`result.threshold.${threshold}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("chair.basis")}</span>
          <select value={form.basis} onChange={(event) => update({ basis: event.target.value as PollBasis })}>
            {BASES.map((basis) => (
              <option key={basis} value={basis}>
                {t(`result.basis.${basis}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t("chair.duration")}</span>
        <input inputMode="numeric" value={form.durationText} onChange={(event) => update({ durationText: event.target.value })} />
      </label>
      <label className="toggle">
        <input type="checkbox" checked={form.secret} onChange={(event) => update({ secret: event.target.checked })} />
        <span>{t("chair.secret")}</span>
      </label>
      {!form.secret && (
        <label className="toggle">
          <input type="checkbox" checked={form.allowChange} onChange={(event) => update({ allowChange: event.target.checked })} />
          <span>{t("chair.allowChange")}</span>
        </label>
      )}
      <label className="toggle">
        <input type="checkbox" checked={form.requirePresence} onChange={(event) => update({ requirePresence: event.target.checked })} />
        <span>{t("chair.requirePresence")}</span>
      </label>
      {showProblems && problems.map((problem) => <p key={problem} className="notice notice--error">{t(`chair.problem.${problem}`)}</p>)}
      {error && <ErrorNotice message={error} />}
      <button type="submit" className="button button--primary button--large" disabled={sending}>
        {t("chair.create")}
      </button>
    </form>
  );
}
