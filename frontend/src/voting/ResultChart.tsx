import type { PollResult } from "../api/voting";
import { canChair } from "../auth/roles";
import { useSession } from "../auth/SessionProvider";
import { useI18n } from "../i18n/I18nProvider";
import { useLiveMeeting } from "../live/LiveMeetingProvider";
import { formatShare, resultChart } from "./resultBars";
import { ResultCsvButton } from "./ResultCsvButton";
import { verdictOf } from "./verdict";

/** Counts and shares of the base per option as bars, the base and the required number, the
 * verdict in large type, and the CSV for the chair and the secretariat. */
export function ResultChart({ result, large = false }: { result: PollResult; large?: boolean }) {
  const { t, language } = useI18n();
  const { me } = useSession();
  const { state } = useLiveMeeting();
  const chart = resultChart(result);
  const verdict = verdictOf(result);
  const pollId = state.poll?.result === result ? state.poll.id : null;
  const mayExport = pollId !== null && !!state.meeting && canChair(me, state.meeting.council_id);
  return (
    <figure className={`result${large ? " result--large" : ""}`}>
      <div className={`result__verdict result__verdict--${verdict.tone}`}>
        {t(verdict.key)}
        {verdict.elected.length > 0 && <span className="result__names">{verdict.elected.join(", ")}</span>}
      </div>
      {verdict.tied.length > 0 && <p className="result__tied">{t("result.tied", { names: verdict.tied.join(", ") })}</p>}
      <div className="result__bars">
        {chart.bars.map((bar) => (
          <div key={bar.label} className={`result__row result__row--${bar.tone}`}>
            <span className="result__label">{bar.label}</span>
            <span className="result__track">
              <span className="result__bar" style={{ width: `${bar.width * 100}%` }} />
              <span className="result__required" style={{ left: `${chart.requiredAt * 100}%` }} aria-hidden="true" />
            </span>
            <span className="result__votes">{bar.votes}</span>
            <span className="result__share">{bar.share === null ? "—" : formatShare(bar.share, language)}</span>
          </div>
        ))}
      </div>
      <figcaption className="result__caption">
        <span>{t("result.base", { base: result.base })}</span>
        <span>{t("result.required", { required: result.required })}</span>
        <span className="result__rule">{t("result.rule", { threshold: t(`result.threshold.${result.threshold}`), basis: t(`result.basis.${result.basis}`) })}</span>
        {mayExport && <ResultCsvButton pollId={pollId} />}
      </figcaption>
    </figure>
  );
}
