// Outcome figures in words, exactly as the API gives them: the number is never rounded away, a
// part the source does not report says so, and a part that does not apply is a dash. Also the
// rule for which outcomes may share a forest plot's axis.
import { enumLabel } from './model';
import type { OutcomeResult } from './queries';

const QUALIFIER_WORDS: Record<string, string> = {
  MORE_THAN: 'more than ',
  AT_LEAST: 'at least ',
  LESS_THAN: 'less than ',
  UP_TO: 'up to ',
};

/** A bound, not an estimate: which way the true figure lies from the number given. */
export function boundDirection(qualifier: string | null): 'above' | 'below' | null {
  switch (qualifier) {
    case 'MORE_THAN':
    case 'AT_LEAST':
      return 'above';
    case 'LESS_THAN':
    case 'UP_TO':
      return 'below';
    default:
      return null;
  }
}

/** Grouped digits, and every digit the API gives: a p-value of 1e-7 reads 0.0000001, never 0. */
export function formatNumber(value: number): string {
  return value.toLocaleString('en', { maximumFractionDigits: 20 });
}

/** "more than ", "at least ", "less than ", "up to " before a bound; nothing before an estimate. */
export function qualifierWords(qualifier: string | null): string {
  return QUALIFIER_WORDS[qualifier ?? ''] ?? '';
}

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** "40.7%", "more than 50% reduction", "33.2 VAS score"; null without a value. */
export function formatEstimate(value: number | null, qualifier: string | null, unit: string | null): string | null {
  if (value === null) {
    return null;
  }
  const words = qualifierWords(qualifier);
  const text = unit ?? '';
  const gap = text === '' || text.startsWith('%') ? '' : ' ';
  return `${words}${formatNumber(value)}${gap}${text}`;
}

/** "12–18 (95% interval)". */
export function formatInterval(interval: NonNullable<OutcomeResult['interval']>): string {
  const range = `${formatNumber(interval.low)}–${formatNumber(interval.high)}`;
  return interval.level === null ? range : `${range} (${formatNumber(interval.level * 100)}% interval)`;
}

export function formatMonths(months: number): string {
  return months === 1 ? '1 month' : `${formatNumber(months)} months`;
}

/**
 * A part of a result as text: its value, "not reported" when the source does not report it, or a
 * dash when it does not apply.
 */
export function resultPart<T>(
  result: OutcomeResult,
  part: string,
  value: T | null,
  format: (value: T) => string,
): string {
  if (value !== null) {
    return format(value);
  }
  return result.notReported.includes(part) ? 'not reported' : '—';
}

/** The parts an outcome must share with another to be drawn on the same axis. */
const COMPARABLE_PARTS = ['measure', 'estimateKind', 'instrument', 'scale', 'unit', 'timepointMonths'] as const;
/** Result parts whose absence means "unknown" (listed in notReported), not "does not apply". */
const UNKNOWN_WHEN_REPORTED_MISSING: Record<string, string> = { scale: 'SCALE', timepointMonths: 'TIMEPOINT' };

/**
 * Outcomes are comparable when they have the same measure, kind of estimate, instrument, scale,
 * unit and time point. One whose scale or time point the source does not report is comparable with
 * none: an unknown scale is not known to be the same scale. Returns null for such an outcome.
 */
export function comparableKey(result: OutcomeResult): string | null {
  for (const [part, reported] of Object.entries(UNKNOWN_WHEN_REPORTED_MISSING)) {
    if (result[part as keyof OutcomeResult] === null && result.notReported.includes(reported)) {
      return null;
    }
  }
  return JSON.stringify(COMPARABLE_PARTS.map((part) => result[part]));
}

/** "Pain: percent change, VAS, % reduction, at 12 months". */
export function comparableTitle(result: OutcomeResult): string {
  const parts = [
    result.estimateKind === null ? null : enumLabel(result.estimateKind).toLowerCase(),
    result.instrument,
    result.scale !== null && result.scale !== result.instrument ? result.scale : null,
    result.unit === null ? null : `in ${result.unit}`,
    result.timepointMonths === null
      ? result.notReported.includes('TIMEPOINT')
        ? 'time point not reported'
        : null
      : `at ${formatMonths(result.timepointMonths)}`,
    result.scale === null && result.notReported.includes('SCALE') ? 'scale not reported' : null,
  ].filter((part): part is string => part !== null && part !== '');
  return `${enumLabel(result.measure)}: ${parts.join(', ')}`;
}
