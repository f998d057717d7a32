// Outcomes with their numbers: estimate, interval and its level, n, time point and p-value as the
// API gives them, each with the claim that reports it (its evidence level, score and sources).
import { useId } from 'react';
import { Citations, ErrorMessage, LevelAndScore, Loading } from './components';
import { formatEstimate, formatInterval, formatMonths, formatNumber, resultPart } from './figures';
import { enumLabel } from './model';
import { OUTCOME_FIGURES, OUTCOME_PAGE, type OutcomeFigure, type OutcomeFiguresResult } from './queries';
import { Link } from './router';
import { type QueryState, useQuery } from './useQuery';
import './evidence.css';

/** Outcomes matching an OutcomeFilter, with their trials' claims, in one request. */
export function useOutcomeFigures(filter: Record<string, unknown>): QueryState<OutcomeFiguresResult> {
  return useQuery<OutcomeFiguresResult>(OUTCOME_FIGURES, { filter, first: OUTCOME_PAGE });
}

/** The HAS_OUTCOME claim of an outcome: the trial that reports it, with its evidence. */
export function reportOf(figure: OutcomeFigure) {
  return figure.trials.edges[0];
}

function Estimate({ figure }: { figure: OutcomeFigure }) {
  const { result } = figure;
  const estimate = formatEstimate(result.estimate, result.qualifier, result.unit);
  return (
    <>
      <span className="estimate">{estimate ?? resultPart(result, 'ESTIMATE', null, String)}</span>
      {result.estimateKind !== null && result.estimateKind !== 'NONE' && (
        <span className="estimate-kind"> {enumLabel(result.estimateKind).toLowerCase()}</span>
      )}
      {result.baseline !== null && <span className="baseline"> (baseline {formatNumber(result.baseline)})</span>}
    </>
  );
}

export function OutcomeTable({
  figures,
  caption,
  showTrial,
}: {
  figures: OutcomeFigure[];
  caption: string;
  showTrial: boolean;
}) {
  return (
    <div className="table-wrap outcome-table-wrap">
      <table className="data-table outcome-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Outcome</th>
            {showTrial && <th scope="col">Trial</th>}
            <th scope="col">Estimate</th>
            <th scope="col">Interval</th>
            <th scope="col">n</th>
            <th scope="col">Time point</th>
            <th scope="col">p-value</th>
            <th scope="col">Evidence</th>
            <th scope="col">Sources</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((figure) => {
            const { result } = figure;
            const report = reportOf(figure);
            return (
              <tr key={figure.id} data-outcome={figure.id} data-trial={report?.node.id}>
                <td data-label="Outcome">
                  <div>
                    <Link to={{ name: 'entity', id: figure.id }}>{figure.name}</Link>
                    <span className="outcome-measure">
                      {enumLabel(result.measure)}
                      <span className="tag">{enumLabel(figure.direction)}</span>
                    </span>
                  </div>
                </td>
                {showTrial && (
                  <td data-label="Trial">
                    {report === undefined ? (
                      '—'
                    ) : (
                      <Link to={{ name: 'entity', id: report.node.id }}>{report.node.name}</Link>
                    )}
                  </td>
                )}
                <td data-label="Estimate" data-field="estimate">
                  <div>
                    <Estimate figure={figure} />
                  </div>
                </td>
                <td data-label="Interval" data-field="interval">
                  {resultPart(result, 'INTERVAL', result.interval, formatInterval)}
                </td>
                <td data-label="n" data-field="n">
                  {resultPart(result, 'SAMPLE_SIZE', result.n, formatNumber)}
                </td>
                <td data-label="Time point" data-field="timepoint">
                  {resultPart(result, 'TIMEPOINT', result.timepointMonths, formatMonths)}
                </td>
                <td data-label="p-value" data-field="p">
                  {resultPart(result, 'P_VALUE', result.pValue, formatNumber)}
                </td>
                <td data-label="Evidence">
                  {report === undefined ? (
                    '—'
                  ) : (
                    <LevelAndScore level={report.evidence.level} score={report.evidence.score} />
                  )}
                </td>
                <td data-label="Sources">
                  <Citations sources={report?.evidence.sources ?? []} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A trial's outcomes, with their numbers (the trial page). */
export function TrialOutcomes({ trialId, trialName }: { trialId: string; trialName: string }) {
  const headingId = useId();
  const { data, error, loading, retry } = useOutcomeFigures({ trialIds: [trialId] });
  const figures = data?.outcomes.edges.map((edge) => edge.node) ?? [];
  const total = data?.outcomes.totalCount ?? 0;
  return (
    <section aria-labelledby={headingId} className="trial-outcomes">
      <h2 id={headingId}>Reported outcomes{data !== undefined && ` (${total})`}</h2>
      {loading && <Loading label="Loading the outcomes…" />}
      {error !== undefined && <ErrorMessage error={error} onRetry={retry} />}
      {data !== undefined && figures.length === 0 && <p className="muted">No outcome is recorded for this trial.</p>}
      {figures.length > 0 && (
        <>
          <p className="muted">
            Each figure as its source reports it, strongest evidence first. &ldquo;Not reported&rdquo; means the source
            does not give that part; a dash, that it does not apply.
          </p>
          <OutcomeTable
            figures={figures}
            caption={`Outcomes reported by ${trialName}, with estimate, interval, n, time point, p-value, evidence and sources`}
            showTrial={false}
          />
          {total > figures.length && (
            <p className="muted">
              {figures.length} of {total} outcomes shown.
            </p>
          )}
        </>
      )}
    </section>
  );
}
