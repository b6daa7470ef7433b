// One commitment (lời hứa, cam kết): its text, due date (red when overdue), done or not.
import type { ReactNode } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { formatDay } from "../kit/days";
import type { Commitment } from "./types";

export function CommitmentLine({ commitment, children }: { commitment: Commitment; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <li className={`commitment${commitment.overdue ? " commitment--overdue" : ""}`}>
      <span className="commitment__text">{commitment.text}</span>
      <span className={commitment.overdue ? "commitment__due commitment__due--overdue" : "commitment__due"}>{t("commitment.due", { day: formatDay(commitment.due_on) })}</span>
      {commitment.state === "done" && <span className="badge badge--published">{t("commitment.done")}</span>}
      {commitment.overdue && <span className="badge badge--overdue">{t("question.overdue")}</span>}
      {children}
    </li>
  );
}
