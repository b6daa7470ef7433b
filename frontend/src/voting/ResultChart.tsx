import type { PollResult } from "../api/voting";
import { useI18n } from "../i18n/I18nProvider";
import { resultChart } from "./resultBars";
import { verdictOf } from "./verdict";

/** Counts per option as bars, the base and the required number, and the verdict in large type. */
export function ResultChart({ result, large = false }: { result: PollResult; large?: boolean }) {
  const { t } = useI18n();
  const chart = resultChart(result);
  const verdict = verdictOf(result);
  return (
    <figure className={`result${large ? " result--large" : ""}`}>
      <div className={`result__verdict result__verdict--${verdict.tone}`}>
        {t(verdict.key)}
        {verdict.elected.length > 0 && <span className="result__names">{verdict.elected.join(", ")}</span>}
      </div>
      {verdict.tied.length > 0 && <p className="result__tied">{t("result.tied", { names: verdict.tied.join(", ") })}</p>}
      <div className="result__bars">
        {chart.bars.map((bar) => (
          <div key={bar.label} className="result__row">
            <span className="result__label">{bar.label}</span>
            <span className="result__track">
              <span className="result__bar" style={{ width: `${bar.width * 100}%` }} />
              <span className="result__required" style={{ left: `${chart.requiredAt * 100}%` }} aria-hidden="true" />
            </span>
            <span className="result__votes">{bar.votes}</span>
          </div>
        ))}
      </div>
      <figcaption className="result__caption">
        <span>{t("result.base", { base: result.base })}</span>
        <span>{t("result.required", { required: result.required })}</span>
        <span>{t("result.rule", { threshold: t(`result.threshold.${result.threshold}`), basis: t(`result.basis.${result.basis}`) })}</span>
      </figcaption>
    </figure>
  );
}
