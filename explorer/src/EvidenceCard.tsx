// The evidence card of a condition (Query.evidenceSummary), on its entity page and on its
// dashboard. Trials and claims are different things and are never counted as one another: the
// trial levels add up to the trial count, the claim levels to the claim count, each under its own
// label. Actual and planned enrollment are shown apart, never summed. Figures that disagree are
// shown together, each with its trial, both evidence levels and its sources, so that neither is
// read alone; a claim inherited from a broader class says which class.
import { type ReactNode, useId } from 'react';
import { Citations, EntityLink, ErrorMessage, InheritedFrom, LevelAndScore, LevelBadge, Loading } from './components';
import { formatEstimate, plural } from './figures';
import { enumLabel } from './model';
import {
  type CardFigure,
  type CardStatement,
  type CardSubtotal,
  EVIDENCE_SUMMARY,
  type EvidenceCardData,
  type EvidenceSummaryResult,
} from './queries';
import { Link } from './router';
import { useQuery } from './useQuery';

/** Outcomes listed under "Best reported outcomes". */
const BEST_OUTCOMES_SHOWN = 5;

/** "40.7%", "more than 50% of patients", "33.2 VAS score (0-100)"; null without a value. */
export function formatFigure(outcome: CardFigure['outcome']): string | null {
  return formatEstimate(outcome.value, outcome.valueQualifier, outcome.unit);
}

function LevelCounts({ label, rows }: { label: string; rows: Array<{ level: string; count: number }> }) {
  const shown = rows.filter((row) => row.count > 0);
  if (shown.length === 0) {
    return null;
  }
  return (
    <ul className="level-mix" aria-label={label}>
      {shown.map((row) => (
        <li key={row.level}>
          <LevelBadge level={row.level} /> {row.count}
        </li>
      ))}
    </ul>
  );
}

function subtotalText(subtotal: CardSubtotal, patients: string): string {
  return subtotal.total === null
    ? 'none'
    : `${plural(subtotal.total, 'patient', 'patients')} ${patients} in ${plural(subtotal.trialCount, 'trial', 'trials')}`;
}

function Enrollment({ enrollment }: { enrollment: EvidenceCardData['enrollment'] }) {
  return (
    <ul className="enrollment" aria-label="Enrollment of those trials">
      <li data-kind="actual">Actual: {subtotalText(enrollment.actual, 'enrolled')}</li>
      <li data-kind="planned">
        Planned or upper bound: {subtotalText(enrollment.planned, 'planned')} (targets, not patients enrolled)
      </li>
      {enrollment.unstatedKind.trialCount > 0 && (
        <li data-kind="unstated">
          Not stated whether actual or planned: {subtotalText(enrollment.unstatedKind, 'stated')}
        </li>
      )}
      <li data-kind="none">No enrollment reported: {plural(enrollment.trialsWithoutEnrollment, 'trial', 'trials')}</li>
    </ul>
  );
}

/** The two evidence levels of an outcome (its trial's, its claim's), its score and its sources. */
function FigureEvidence({ figure }: { figure: CardFigure }) {
  return (
    <>
      <span className="figure-levels">
        trial&apos;s level <LevelBadge level={figure.trial.evidenceLevel} /> claim&apos;s level{' '}
        <LevelBadge level={figure.evidence.level} />
        {figure.claimScore !== null && <span className="tag">score {figure.claimScore.toFixed(2)}</span>}
      </span>
      <Citations sources={figure.evidence.sources} />
    </>
  );
}

function Disagreements({ card }: { card: EvidenceCardData }) {
  const headingId = useId();
  if (card.disagreementCount === 0) {
    return null;
  }
  return (
    <section aria-labelledby={headingId} className="disagreements">
      <h3 id={headingId}>Figures that disagree</h3>
      <p className="muted">
        Outcomes on the same measure at the same time point whose figures differ, side by side. Read each with its
        trial, its evidence levels and its sources; units may differ.
      </p>
      {card.disagreements.map((group) => (
        <div
          key={`${group.measure}@${group.timepointMonths}`}
          className="disagreement table-wrap"
          data-measure={group.measure}
          data-timepoint={group.timepointMonths}
          // The citations' visually hidden text is absolutely positioned: without a containing block
          // here it escapes the scrolling wrapper and widens the page on a phone.
          style={{ position: 'relative' }}
        >
          <table className="data-table">
            <caption>
              {enumLabel(group.measure)} at {plural(group.timepointMonths, 'month', 'months')}:{' '}
              {plural(group.valueCount, 'different figure', 'different figures')}
              {group.figureCount > group.figures.length && ` (${group.figures.length} of ${group.figureCount} shown)`}
            </caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Trial</th>
                <th scope="col">Trial&apos;s evidence level</th>
                <th scope="col">Claim&apos;s evidence level</th>
                <th scope="col">Sources</th>
              </tr>
            </thead>
            <tbody>
              {group.figures.map((figure) => (
                <tr key={`${figure.outcome.id} ${figure.trial.id}`} data-outcome={figure.outcome.id}>
                  <td className="figure-value">
                    <Link to={{ name: 'entity', id: figure.outcome.id }}>{formatFigure(figure.outcome)}</Link>
                    {figure.claimScore !== null && <span className="tag">score {figure.claimScore.toFixed(2)}</span>}
                  </td>
                  <td>
                    <Link to={{ name: 'entity', id: figure.trial.id }}>{figure.trial.name}</Link>
                  </td>
                  <td>
                    <LevelBadge level={figure.trial.evidenceLevel} />
                  </td>
                  <td>
                    <LevelBadge level={figure.evidence.level} />
                  </td>
                  <td>
                    <Citations sources={figure.evidence.sources} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
      {card.disagreementCount > card.disagreements.length && (
        <p className="muted">
          {card.disagreements.length} of {card.disagreementCount} disagreements shown.
        </p>
      )}
    </section>
  );
}

function BestOutcomes({ card }: { card: EvidenceCardData }) {
  if (card.bestOutcomes.length === 0) {
    return null;
  }
  return (
    <>
      <h3>Best reported outcomes</h3>
      <ul className="outcomes">
        {card.bestOutcomes.slice(0, BEST_OUTCOMES_SHOWN).map((figure) => {
          const value = formatFigure(figure.outcome);
          return (
            <li key={figure.outcome.id} data-outcome={figure.outcome.id}>
              <Link to={{ name: 'entity', id: figure.outcome.id }}>{figure.outcome.name}</Link>{' '}
              <span className="tag">{enumLabel(figure.outcome.direction)}</span>
              {value !== null && <span className="tag">{value}</span>} in{' '}
              <Link to={{ name: 'entity', id: figure.trial.id }}>{figure.trial.name}</Link>{' '}
              <FigureEvidence figure={figure} />
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** For whom a claim is stated; an inherited one names the class it comes from. */
function StatedFor({ statement }: { statement: CardStatement }) {
  const entity = statement.statedFor;
  const link = <EntityLink entity={entity} />;
  switch (statement.scope) {
    case 'INHERITED':
      return (
        <span className="stated-for">
          <InheritedFrom entity={entity} />
        </span>
      );
    case 'TRIAL':
      return <span className="stated-for">reported by {link}</span>;
    case 'SUBTYPE':
      return <span className="stated-for">stated for the subtype {link}</span>;
    default:
      return <span className="stated-for">stated for {link}</span>;
  }
}

function StatedList({
  title,
  total,
  items,
}: {
  title: string;
  total: number;
  items: Array<{
    entity: { id: string; name: string };
    tags: string[];
    inherited: boolean;
    evidenceCount: number;
    statements: CardStatement[];
  }>;
}) {
  const headingId = useId();
  if (items.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>
        {title} ({total})
      </h3>
      <ul className="outcomes stated">
        {items.map((item) => (
          <li key={item.entity.id} data-id={item.entity.id} data-inherited={item.inherited}>
            <Link to={{ name: 'entity', id: item.entity.id }}>{item.entity.name}</Link>
            {item.tags.map((tag) => (
              <span key={tag} className="tag">
                {tag}
              </span>
            ))}
            <ul className="statements">
              {item.statements.map((statement) => (
                <li key={statement.evidence.claimId} data-scope={statement.scope}>
                  <LevelAndScore level={statement.evidence.level} score={statement.evidence.score} />{' '}
                  <StatedFor statement={statement} />
                  <Citations sources={statement.evidence.sources} />
                </li>
              ))}
            </ul>
            {item.evidenceCount > item.statements.length && (
              <p className="muted">
                {item.statements.length} of {item.evidenceCount} claims shown.
              </p>
            )}
          </li>
        ))}
      </ul>
      {total > items.length && (
        <p className="muted">
          {items.length} of {total} shown.
        </p>
      )}
    </section>
  );
}

/** The card itself, from its data. `showEnrollment` is off where the page shows enrollment already. */
export function EvidenceCard({
  card,
  showEnrollment = true,
  heading = 'Evidence summary',
}: {
  card: EvidenceCardData;
  showEnrollment?: boolean;
  heading?: string;
}) {
  const headingId = useId();
  const trialLevels = card.trialsByEvidenceLevel.map((row) => ({ level: row.level, count: row.trialCount }));
  const claimLevels = card.claimsByEvidenceLevel.map((row) => ({ level: row.level, count: row.claimCount }));
  return (
    <section aria-labelledby={headingId} className="summary evidence-card">
      <h2 id={headingId}>{heading}</h2>
      <p className="card-trials">
        {card.trialCount === 1 ? '1 trial studies' : `${plural(card.trialCount, 'trial', 'trials')} study`} this
        condition or one of its subtypes.
      </p>
      {card.trialCount > 0 && (
        <>
          <h3>Evidence levels of those trials</h3>
          <p className="muted">
            One per trial, from its design; they add up to {plural(card.trialCount, 'trial', 'trials')}.
          </p>
          <LevelCounts label="Evidence levels of those trials, one per trial" rows={trialLevels} />
          <h3>Evidence levels of the claims about them</h3>
          <p className="muted">
            {plural(card.claimCount, 'claim links', 'claims link')} these trials to the condition and to their outcomes;
            a trial may have several, so these count claims, not trials.
          </p>
          <LevelCounts label="Evidence levels of the claims, one per claim" rows={claimLevels} />
          {showEnrollment && (
            <>
              <h3>Enrollment</h3>
              <Enrollment enrollment={card.enrollment} />
            </>
          )}
        </>
      )}
      <Disagreements card={card} />
      <BestOutcomes card={card} />
      <StatedList
        title="Risks"
        total={card.riskCount}
        items={card.risks.map((item) => ({
          entity: item.risk,
          tags: [
            ...(item.risk.severity === null ? [] : [enumLabel(item.risk.severity)]),
            ...(item.inherited ? ['inherited'] : []),
          ],
          inherited: item.inherited,
          evidenceCount: item.evidenceCount,
          statements: item.statements,
        }))}
      />
      <StatedList
        title="Regulatory statuses"
        total={card.regulatoryStatusCount}
        items={card.regulatoryStatuses.map((item) => ({
          entity: item.status,
          tags: item.inherited ? ['inherited'] : [],
          inherited: item.inherited,
          evidenceCount: item.evidenceCount,
          statements: item.statements,
        }))}
      />
    </section>
  );
}

/** The card of one condition, loaded on its own (the entity page). */
export function ConditionEvidenceCard({ id }: { id: string }): ReactNode {
  const { data, error, loading, retry } = useQuery<EvidenceSummaryResult>(EVIDENCE_SUMMARY, { conditionId: id });
  if (data !== undefined) {
    return <EvidenceCard card={data.evidenceSummary} />;
  }
  return (
    <section aria-label="Evidence summary" className="summary">
      <h2>Evidence summary</h2>
      {loading && <Loading label="Summarising the evidence…" />}
      {error !== undefined && <ErrorMessage error={error} onRetry={retry} />}
    </section>
  );
}
