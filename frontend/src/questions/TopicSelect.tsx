// The choice of a question's topic (nhóm vấn đề), or none; nothing to choose without topics.
import { useI18n } from "../i18n/I18nProvider";
import type { Topic } from "./types";

export function TopicSelect({ topics, value, onChange }: { topics: Topic[]; value: string; onChange: (value: string) => void }) {
  const { t } = useI18n();
  if (topics.length === 0) return null;
  return (
    <label className="field">
      <span>{t("question.topic")}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t("common.none")}</option>
        {topics.map((topic) => (
          <option key={topic.id} value={topic.id}>
            {topic.title}
          </option>
        ))}
      </select>
    </label>
  );
}
