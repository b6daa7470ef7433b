// Which voter meeting (tiếp xúc cử tri) petitions come from: its place and day as people write it.
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../kit/days";
import type { VoterMeeting } from "./types";

export function voterMeetingLabel(meeting: Pick<VoterMeeting, "place" | "held_on">): string {
  return `${meeting.place} · ${formatDay(meeting.held_on)}`;
}

export function VoterMeetingSelect({ voterMeetings, value, onChange }: { voterMeetings: VoterMeeting[]; value: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t("petition.voterMeeting")}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t("petition.noVoterMeeting")}</option>
        {voterMeetings.map((meeting) => (
          <option key={meeting.id} value={meeting.id}>
            {voterMeetingLabel(meeting)}
          </option>
        ))}
      </select>
    </label>
  );
}
