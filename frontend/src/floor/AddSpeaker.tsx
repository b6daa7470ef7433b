// The chair or secretary puts someone of the meeting on the list (a deputy who asked by hand).
import { useState } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { registerSpeaker } from "./api";
import { SPEAKER_KINDS, type SpeakerKind } from "./types";

export interface Person {
  user_id: number;
  full_name: string;
}

interface AddSpeakerProps {
  itemId: number;
  people: Person[];
  busy: boolean;
  run: (action: () => Promise<unknown>) => void;
}

export function AddSpeaker({ itemId, people, busy, run }: AddSpeakerProps) {
  const { t } = useI18n();
  const [userId, setUserId] = useState<string>("");
  const [kind, setKind] = useState<SpeakerKind>("discussion");
  if (people.length === 0) return null;
  return (
    <form
      className="floor-add"
      onSubmit={(event) => {
        event.preventDefault();
        if (userId) run(() => registerSpeaker(itemId, kind, Number(userId)));
      }}
    >
      <h3 className="floor-add__title">{t("floor.addFor")}</h3>
      <label>
        <span>{t("floor.person")}</span>
        <select value={userId} onChange={(event) => setUserId(event.target.value)}>
          <option value="" />
          {people.map((person) => (
            <option key={person.user_id} value={person.user_id}>
              {person.full_name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("floor.kindLabel")}</span>
        <select value={kind} onChange={(event) => setKind(event.target.value as SpeakerKind)}>
          {SPEAKER_KINDS.map((option) => (
            <option key={option} value={option}>
              {t(`floor.kind.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="button" disabled={busy || !userId}>
        {t("floor.add")}
      </button>
    </form>
  );
}
