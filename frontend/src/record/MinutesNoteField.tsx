// One agenda item's "Tóm tắt thảo luận", autosaved (PUT …/minutes/notes/{item}) a second after
// typing stops and on blur. A change from elsewhere (another secretary's tablet) is taken into
// the field only while it holds nothing unsaved: typed text is never overwritten.
import { useId, useState } from "react";
import type { AgendaItem } from "../api/types";
import { useI18n } from "../i18n/I18nProvider";
import { itemLabel } from "../meeting/selectors";
import { saveNote } from "./api";
import { isUnsaved, useAutosave } from "./autosave";
import { SaveStatus } from "./SaveStatus";

export function MinutesNoteField({ meetingId, item, serverText }: { meetingId: number; item: AgendaItem; serverText: string }) {
  const { t } = useI18n();
  const id = useId();
  const autosave = useAutosave((text) => saveNote(meetingId, item.id, text));
  const [text, setText] = useState(serverText);
  const [seen, setSeen] = useState(serverText);
  if (seen !== serverText) {
    setSeen(serverText);
    if (!isUnsaved(autosave.status)) setText(serverText);
  }
  return (
    <li className="minutes-note">
      <label className="field" htmlFor={`${id}-text`}>
        <span className="minutes-note__item">{itemLabel(item)}</span>
        <span className="muted">{t("minutes.note")}</span>
      </label>
      <textarea
        id={`${id}-text`}
        rows={4}
        value={text}
        aria-describedby={`${id}-status`}
        onChange={(event) => {
          setText(event.target.value);
          autosave.change(event.target.value);
        }}
        onBlur={autosave.flush}
      />
      <SaveStatus id={`${id}-status`} status={autosave.status} error={autosave.error} />
    </li>
  );
}
