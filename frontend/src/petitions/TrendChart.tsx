// The report's trend: per month two bars, petitions received and closed, with their figures; the
// same figures as a list below, which screen readers read (the chart is one image to them).
import { useId } from "react";
import { useI18n } from "../i18n/I18nProvider";
import { formatCount, monthLabel, trendBars, type TrendBar } from "./petitions";
import type { ReportMonth } from "./types";

const BAR_AREA = 120;
const BAR_WIDTH = 18;
const BAR_GAP = 4;
const GROUP_WIDTH = 56;
const TOP = 18; // room for the figure above a full bar
const BOTTOM = 22; // room for the month below the baseline
const HEIGHT = TOP + BAR_AREA + BOTTOM;
const BASELINE = TOP + BAR_AREA;

function Bar({ kind, x, height, value }: { kind: "received" | "closed"; x: number; height: number; value: number }) {
  const { language } = useI18n();
  return (
    <g className={`trend-bar trend-bar--${kind}`}>
      <rect x={x} y={BASELINE - height} width={BAR_WIDTH} height={height} />
      <text x={x + BAR_WIDTH / 2} y={BASELINE - height - 4} textAnchor="middle">
        {formatCount(value, language)}
      </text>
    </g>
  );
}

function MonthBars({ bar, index }: { bar: TrendBar; index: number }) {
  const left = index * GROUP_WIDTH + (GROUP_WIDTH - 2 * BAR_WIDTH - BAR_GAP) / 2;
  return (
    <g className="trend-month" data-month={bar.month}>
      <Bar kind="received" x={left} height={bar.receivedHeight} value={bar.received} />
      <Bar kind="closed" x={left + BAR_WIDTH + BAR_GAP} height={bar.closedHeight} value={bar.closed} />
      <text className="trend-month__label" x={index * GROUP_WIDTH + GROUP_WIDTH / 2} y={BASELINE + 15} textAnchor="middle">
        {monthLabel(bar.month)}
      </text>
    </g>
  );
}

export function TrendChart({ months }: { months: ReportMonth[] }) {
  const { t } = useI18n();
  const titleId = useId();
  if (months.length === 0) return <p className="empty">{t("petition.noMonths")}</p>;
  const bars = trendBars(months, BAR_AREA);
  const width = bars.length * GROUP_WIDTH;
  return (
    <>
      <figure className="trend-chart">
        <svg role="img" aria-labelledby={titleId} viewBox={`0 0 ${width} ${HEIGHT}`} width={width} height={HEIGHT}>
          <title id={titleId}>{t("petition.trendChart")}</title>
          <line className="trend-chart__baseline" x1={0} x2={width} y1={BASELINE} y2={BASELINE} />
          {bars.map((bar, index) => (
            <MonthBars key={bar.month} bar={bar} index={index} />
          ))}
        </svg>
        <figcaption className="trend-legend" aria-hidden="true">
          <span className="trend-legend__item trend-legend__item--received">{t("petition.received")}</span>
          <span className="trend-legend__item trend-legend__item--closed">{t("petition.closedCount")}</span>
        </figcaption>
      </figure>
      <ul className="trend-figures">
        {months.map((m) => (
          <li key={m.month}>
            {monthLabel(m.month)}: {t("petition.received")} {m.received}, {t("petition.closedCount")} {m.closed}
          </li>
        ))}
      </ul>
    </>
  );
}
