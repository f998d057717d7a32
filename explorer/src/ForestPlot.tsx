// A forest plot of the outcomes a condition's or a product's trials report with a number: one row
// per outcome, its estimate as a dot and its interval as a line where the source gives one. Only
// comparable outcomes share an axis (figures.ts, comparableKey), so each group is its own panel
// with its own scale. Drawn as plain SVG whose x positions are percentages of its width, so it
// fits any screen without scaling its text; every panel has a text alternative and its numbers in
// a table.
import { useId } from 'react';
import { ErrorMessage, Loading } from './components';
import {
  boundDirection,
  comparableKey,
  comparableTitle,
  formatInterval,
  formatNumber,
  plural,
  qualifierWords,
} from './figures';
import { reportOf, OutcomeTable, useOutcomeFigures } from './Outcomes';
import type { OutcomeFigure } from './queries';
import './evidence.css';

const ROW_HEIGHT = 40;
const AXIS_HEIGHT = 34;
/** The plotting area, in percent of the width. */
const LEFT = 3;
const RIGHT = 97;
/** Characters of a trial's name drawn beside its row; the table gives it in full. */
const LABEL_LENGTH = 34;
/** Length of a bound's arrow, in percent of the width. */
const ARROW = 6;

const BOUND_SYMBOL: Record<string, string> = { MORE_THAN: '>', AT_LEAST: '≥', LESS_THAN: '<', UP_TO: '≤' };

interface Group {
  key: string;
  title: string;
  figures: OutcomeFigure[];
}

/** Comparable outcomes together; an outcome comparable with none alone. Larger groups first. */
export function groupComparable(figures: OutcomeFigure[]): Group[] {
  const groups = new Map<string, Group>();
  for (const figure of figures) {
    if (figure.result.estimate === null) {
      continue;
    }
    const key = comparableKey(figure.result) ?? `alone:${figure.id}`;
    const group = groups.get(key) ?? { key, title: comparableTitle(figure.result), figures: [] };
    group.figures.push(figure);
    groups.set(key, group);
  }
  return [...groups.values()].sort(
    (a, b) => b.figures.length - a.figures.length || a.title.localeCompare(b.title, 'en') || a.key.localeCompare(b.key),
  );
}

/** 1, 2 or 5 times a power of ten, giving about four steps over the span. */
function niceStep(span: number): number {
  const raw = span / 4;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/** The axis of a group: from 0 or below to past every estimate and interval bound. */
function axisOf(figures: OutcomeFigure[]) {
  const values = figures.flatMap(({ result }) => [
    result.estimate ?? 0,
    ...(result.interval === null ? [] : [result.interval.low, result.interval.high]),
  ]);
  let low = Math.min(0, ...values);
  let high = Math.max(0, ...values);
  if (high === low) {
    high = low + 1;
  }
  const step = niceStep(high - low);
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const ticks: number[] = [];
  for (let i = 0; low + i * step <= high + step / 1e6; i++) {
    ticks.push(Number((low + i * step).toPrecision(12)));
  }
  const x = (value: number) => `${(LEFT + ((value - low) / (high - low)) * (RIGHT - LEFT)).toFixed(3)}%`;
  return { low, high, ticks, x };
}

function shortName(name: string): string {
  const head = name.includes(':') ? name.slice(0, name.indexOf(':')) : name;
  return head.length <= LABEL_LENGTH ? head : `${head.slice(0, LABEL_LENGTH - 1)}…`;
}

/** "> 50", "33.2 (27–39)": the row's figure without its unit, which the panel's title gives. */
function rowFigure({ result }: OutcomeFigure): string {
  const symbol = BOUND_SYMBOL[result.qualifier ?? ''];
  const estimate = `${symbol === undefined ? '' : `${symbol} `}${formatNumber(result.estimate ?? 0)}`;
  return result.interval === null
    ? estimate
    : `${estimate} (${formatNumber(result.interval.low)}–${formatNumber(result.interval.high)})`;
}

/** One outcome in words, for the panel's text alternative. */
function describe(figure: OutcomeFigure): string {
  const { result } = figure;
  const trial = reportOf(figure)?.node.name ?? figure.name;
  const estimate = `${qualifierWords(result.qualifier)}${formatNumber(result.estimate ?? 0)}`;
  const interval = result.interval === null ? 'no interval reported' : `interval ${formatInterval(result.interval)}`;
  const n = result.n === null ? 'n not reported' : `n = ${formatNumber(result.n)}`;
  return `${trial}: ${estimate}, ${interval}, ${n}.`;
}

function ForestPanel({ group }: { group: Group }) {
  const titleId = useId();
  const descriptionId = useId();
  // Referenced from CSS-like url(#…), which React's generated ids do not suit as they are.
  const arrowId = `forest-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const axis = axisOf(group.figures);
  const axisY = group.figures.length * ROW_HEIGHT + 8;
  const height = axisY + AXIS_HEIGHT;
  const zero = axis.low < 0 ? axis.x(0) : null;
  return (
    <figure className="forest" data-group={group.key}>
      <figcaption id={titleId} className="forest-title">
        {group.title}
        <span className="muted"> · {plural(group.figures.length, 'outcome', 'outcomes')}</span>
      </figcaption>
      <svg
        className="forest-plot"
        width="100%"
        height={height}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
      >
        <defs>
          <marker
            id={arrowId}
            viewBox="0 0 8 8"
            refX={7}
            refY={4}
            markerWidth={7}
            markerHeight={7}
            orient="auto-start-reverse"
          >
            <path d="M0 0L8 4L0 8z" className="forest-arrowhead" />
          </marker>
        </defs>
        {zero !== null && <line className="forest-zero" x1={zero} x2={zero} y1={0} y2={axisY} />}
        {group.figures.map((figure, row) => {
          const { result } = figure;
          const top = row * ROW_HEIGHT;
          const y = top + 28;
          const estimate = result.estimate ?? 0;
          const bound = boundDirection(result.qualifier);
          const at = axis.x(estimate);
          return (
            <g key={figure.id} className="forest-row">
              <text className="forest-label" x={`${LEFT}%`} y={top + 13}>
                {shortName(reportOf(figure)?.node.name ?? figure.name)}
              </text>
              <text className="forest-value" x={`${RIGHT}%`} y={top + 13} textAnchor="end">
                {rowFigure(figure)}
              </text>
              {result.interval !== null && (
                <g className="forest-interval">
                  <line x1={axis.x(result.interval.low)} x2={axis.x(result.interval.high)} y1={y} y2={y} />
                  <line x1={axis.x(result.interval.low)} x2={axis.x(result.interval.low)} y1={y - 5} y2={y + 5} />
                  <line x1={axis.x(result.interval.high)} x2={axis.x(result.interval.high)} y1={y - 5} y2={y + 5} />
                </g>
              )}
              {bound !== null && (
                <g className="forest-bound">
                  <line
                    x1={at}
                    x2={axis.x(estimate + ((bound === 'above' ? 1 : -1) * ARROW * (axis.high - axis.low)) / 100)}
                    y1={y}
                    y2={y}
                    markerEnd={`url(#${arrowId})`}
                  />
                </g>
              )}
              <circle
                className={bound === null ? 'forest-mark' : 'forest-mark bound'}
                data-outcome={figure.id}
                data-estimate={estimate}
                cx={at}
                cy={y}
                r={5.5}
              />
            </g>
          );
        })}
        <line className="forest-axis" x1={`${LEFT}%`} x2={`${RIGHT}%`} y1={axisY} y2={axisY} />
        {axis.ticks.map((tick, index) => (
          <g key={tick} className="forest-tick">
            <line x1={axis.x(tick)} x2={axis.x(tick)} y1={axisY} y2={axisY + 5} />
            <text
              x={axis.x(tick)}
              y={axisY + 18}
              textAnchor={index === 0 ? 'start' : index === axis.ticks.length - 1 ? 'end' : 'middle'}
            >
              {formatNumber(tick)}
            </text>
          </g>
        ))}
      </svg>
      <p id={descriptionId} className="visually-hidden">
        {group.figures.map(describe).join(' ')}
      </p>
      <details className="forest-numbers">
        <summary>Show the numbers</summary>
        <OutcomeTable figures={group.figures} caption={`The numbers of ${group.title}`} showTrial />
      </details>
    </figure>
  );
}

/**
 * The outcomes of a condition's or a product's trials that give a number, as forest plots.
 * `filter` selects them (conditionIds or productIds); `whose` says in words whose trials they are.
 */
export function OutcomeForest({ filter, whose }: { filter: Record<string, unknown>; whose: string }) {
  const headingId = useId();
  const { data, error, loading, retry } = useOutcomeFigures({ ...filter, numeric: true });
  const figures = data?.outcomes.edges.map((edge) => edge.node) ?? [];
  const groups = groupComparable(figures);
  const total = data?.outcomes.totalCount ?? 0;
  return (
    <section aria-labelledby={headingId} className="forest-section">
      <h2 id={headingId}>Outcomes with numbers</h2>
      {loading && <Loading label="Loading the outcomes…" />}
      {error !== undefined && <ErrorMessage error={error} onRetry={retry} />}
      {data !== undefined && figures.length === 0 && (
        <p className="muted">No outcome of the {whose} is reported with a number.</p>
      )}
      {figures.length > 0 && (
        <>
          <p className="muted">
            {plural(total, 'outcome', 'outcomes')} of the {whose} {total === 1 ? 'gives' : 'give'} a number
            {total > figures.length && ` (the ${figures.length} with the strongest evidence are drawn)`}. Only
            comparable outcomes share a panel and its axis: the same measure, kind of estimate, instrument, scale, unit
            and time point. An outcome whose scale or time point is not reported is drawn on its own.
          </p>
          <p className="muted forest-legend">
            <span aria-hidden="true">●</span> the estimate; a line with end marks, its interval where the source gives
            one. <span aria-hidden="true">○</span> with an arrow: the source gives only a bound (more than or at least:
            arrow to the right; less than or up to: to the left).
          </p>
          {groups.map((group) => (
            <ForestPanel key={group.key} group={group} />
          ))}
        </>
      )}
    </section>
  );
}
