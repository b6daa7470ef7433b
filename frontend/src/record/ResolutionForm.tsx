// Entering a resolution in the register: its title, its agenda item, the vote that adopted it
// (the item's closed polls that passed), its number (empty: the server assigns the next of the
// council's year) and its text among the meeting's documents. The server's refusals are shown
// on the field they are about (number_taken on the number).
import { useId, useState, type FormEvent } from "react";
import { ApiError, messageOf } from "../api/errors";
import type { AgendaItem, DocumentInfo } from "../api/types";
import type { Poll } from "../api/voting";
import { ErrorNotice } from "../components/ErrorNotice";
import { useI18n } from "../i18n/I18nProvider";
import type { MessageKey } from "../i18n/translate";
import { AgendaItemSelect } from "../secretariat/AgendaItemSelect";
import { createResolution } from "./api";
import { FieldProblem } from "./FieldProblem";
import {
  adoptablePolls,
  EMPTY_RESOLUTION_DRAFT,
  fieldOfError,
  resolutionBody,
  resolutionProblems,
  withItem,
  type ResolutionDraft,
  type ResolutionField,
  type ResolutionProblem,
} from "./resolutions";

const PROBLEM_TEXT: Record<ResolutionProblem, MessageKey> = { required: "resolution.required", numberFormat: "resolution.numberFormat" };

interface Props {
  meetingId: number;
  agenda: AgendaItem[];
  polls: Poll[];
  documents: DocumentInfo[];
}

type Refusal = { field: ResolutionField | null; message: string };

export function ResolutionForm({ meetingId, agenda, polls, documents }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState<ResolutionDraft>(EMPTY_RESOLUTION_DRAFT);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const problems = tried ? resolutionProblems(draft) : {};
  const choices = adoptablePolls(polls, draft.agendaItemId);

  const edit = (next: ResolutionDraft) => {
    setDraft(next);
    setRefusal(null);
    setAdded(null);
  };
  /** The field's problem in words: the form's own check first, then the server's refusal. */
  const problemOf = (field: ResolutionField): string | null => {
    const problem = problems[field];
    if (problem) return t(PROBLEM_TEXT[problem]);
    return refusal?.field === field ? refusal.message : null;
  };
  const describedBy = (field: ResolutionField) => (problemOf(field) ? `${id}-${field}` : undefined);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (Object.keys(resolutionProblems(draft)).length > 0) return;
    setBusy(true);
    setRefusal(null);
    try {
      const resolution = await createResolution(meetingId, resolutionBody(draft));
      setDraft(EMPTY_RESOLUTION_DRAFT);
      setTried(false);
      setAdded(resolution.number);
    } catch (failure) {
      setRefusal({ field: failure instanceof ApiError ? fieldOfError(failure.code) : null, message: messageOf(failure, t("common.error")) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="resolution-form" noValidate onSubmit={(event) => void submit(event)}>
      <h3>{t("resolution.new")}</h3>
      <label className="field">
        <span>{t("resolution.titleLabel")}</span>
        <input
          required
          value={draft.title}
          aria-invalid={problemOf("title") ? true : undefined}
          aria-describedby={describedBy("title")}
          onChange={(event) => edit({ ...draft, title: event.target.value })}
        />
        <FieldProblem id={`${id}-title`} message={problemOf("title")} />
      </label>
      <AgendaItemSelect
        label={t("resolution.item")}
        noneLabel={t("resolution.chooseItem")}
        agenda={agenda}
        value={draft.agendaItemId}
        onChange={(itemId) => edit(withItem(draft, itemId))}
      />
      <FieldProblem id={`${id}-agendaItemId`} message={problemOf("agendaItemId")} />
      <label className="field">
        <span>{t("resolution.poll")}</span>
        <select
          value={draft.pollId ?? ""}
          disabled={choices.length === 0}
          aria-describedby={describedBy("pollId")}
          onChange={(event) => edit({ ...draft, pollId: event.target.value ? Number(event.target.value) : null })}
        >
          <option value="">{t("resolution.noPoll")}</option>
          {choices.map((poll) => (
            <option key={String(poll.id)} value={String(poll.id)}>
              {poll.title}
            </option>
          ))}
        </select>
        {draft.agendaItemId !== null && choices.length === 0 && <small>{t("resolution.noPollHint")}</small>}
        <FieldProblem id={`${id}-pollId`} message={problemOf("pollId")} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>{t("resolution.number")}</span>
          <input
            value={draft.number}
            placeholder={t("resolution.numberPlaceholder")}
            title={t("resolution.numberHint")}
            aria-invalid={problemOf("number") ? true : undefined}
            aria-describedby={describedBy("number")}
            onChange={(event) => edit({ ...draft, number: event.target.value })}
          />
          <FieldProblem id={`${id}-number`} message={problemOf("number")} />
        </label>
        <label className="field">
          <span>{t("resolution.document")}</span>
          <select
            value={draft.documentId ?? ""}
            aria-describedby={describedBy("documentId")}
            onChange={(event) => edit({ ...draft, documentId: event.target.value ? Number(event.target.value) : null })}
          >
            <option value="">{t("resolution.noDocument")}</option>
            {documents.map((document) => (
              <option key={document.id} value={document.id}>
                {document.title} ({t(`document.kind.${document.kind}`)})
              </option>
            ))}
          </select>
          <FieldProblem id={`${id}-documentId`} message={problemOf("documentId")} />
        </label>
      </div>
      <button type="submit" className="button button--primary" disabled={busy}>
        {t("resolution.add")}
      </button>
      {refusal && refusal.field === null && <ErrorNotice message={refusal.message} />}
      {added && (
        <p role="status" className="resolution-form__added">
          ✓ {t("resolution.added", { number: added })}
        </p>
      )}
    </form>
  );
}
