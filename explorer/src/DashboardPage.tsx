// The trials dashboard, drawn with Chart.js: trials by phase and by status, enrollment, outcomes by
// measure, risks by severity and the evidence-level mix, for all trials or those of one condition
// (its subtypes included, as the TrialFilter defines), with that condition's evidence card. Every
// chart has its numbers in a table too. Actual and planned enrollment are never added together.
// A bar, a slice or a tile leads to the browse page of what it counts (the same filter, so the same
// number); the links in the tables of numbers reach the same pages from the keyboard.
import {
  ArcElement,
  BarElement,
  CategoryScale,
  Chart as ChartJS,
  type ChartData,
  type ChartEvent,
  type ChartOptions,
  Legend,
  LinearScale,
  type ActiveElement,
  Tooltip,
} from 'chart.js';
import { type ReactNode, useId } from 'react';
import { Bar, Doughnut } from 'react-chartjs-2';
import { browseSearch } from './browse';
import { ErrorMessage, Loading, PageHeading } from './components';
import { EvidenceCard } from './EvidenceCard';
import { enumLabel, LEVEL_COLOUR, levelRank } from './model';
import {
  CONDITION_DASHBOARD,
  CONDITION_OPTIONS,
  type ConditionOptionsResult,
  DASHBOARD,
  type DashboardResult,
  ENROLLMENT_TRIALS,
  RISK_SEVERITIES,
} from './queries';
import { hrefFor, Link, navigate, type Route } from './router';
import { useQuery } from './useQuery';

ChartJS.register(ArcElement, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#999999'];
const PHASE_ORDER = [
  'EARLY_PHASE_1',
  'PHASE_1',
  'PHASE_1_2',
  'PHASE_2',
  'PHASE_2_3',
  'PHASE_3',
  'PHASE_4',
  'NOT_APPLICABLE',
];
const SEVERITY_COLOUR: Record<(typeof RISK_SEVERITIES)[number], string> = {
  MILD: '#F0E442',
  MODERATE: '#E69F00',
  SERIOUS: '#B22222',
};

type EnrollmentGroup = 'actual' | 'planned' | 'unstated';
/** As the server groups enrollmentKind (ENROLLMENT_KIND_GROUPS): an upper bound is not an actual count. */
const ENROLLMENT_GROUP: Record<string, EnrollmentGroup> = { ACTUAL: 'actual', PLANNED: 'planned', UP_TO: 'planned' };

function reducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

function byOrder(order: string[]) {
  return (a: string, b: string) => {
    const rank = (value: string) => (order.includes(value) ? order.indexOf(value) : order.length);
    return rank(a) - rank(b);
  };
}

interface TableData {
  columns: string[];
  rows: Array<Array<string | number>>;
  /** Where each row's first cell leads: the list of what the row counts. */
  links?: Array<Route | undefined>;
}

/** A browse page's route with the filters of a chart's bar. */
function browse(kind: 'Trial' | 'Outcome' | 'Risk', filters: Record<string, string[]>): Route {
  return { name: 'browse', kind, search: browseSearch(kind, { filters }) };
}

/** Chart.js options that open a bar's or slice's route on a click, and show a hand over one that has a route. */
function leadsTo(routes: Array<Route | undefined>) {
  const at = (elements: ActiveElement[]) => {
    const index = elements[0]?.index;
    return index === undefined ? undefined : routes[index];
  };
  return {
    onClick: (_event: ChartEvent, elements: ActiveElement[]) => {
      const route = at(elements);
      if (route !== undefined) {
        navigate(hrefFor(route));
      }
    },
    onHover: (event: ChartEvent, elements: ActiveElement[]) => {
      const target = event.native?.target;
      if (target instanceof HTMLElement) {
        target.style.cursor = at(elements) === undefined ? 'default' : 'pointer';
      }
    },
  };
}

/** A chart with a heading, a text alternative and its numbers in a table for anyone who needs them. */
function ChartCard({
  title,
  summary,
  table,
  children,
  wide = false,
}: {
  title: string;
  summary: string;
  table: TableData;
  children: (label: string) => ReactNode;
  wide?: boolean;
}) {
  const headingId = useId();
  return (
    <section className={wide ? 'chart-card wide' : 'chart-card'} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <div className="chart-box">{children(`${title}. ${summary}`)}</div>
      <details>
        <summary>Show the numbers</summary>
        <table className="data-table">
          <thead>
            <tr>
              {table.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, rowIndex) => {
              const link = table.links?.[rowIndex];
              return (
                <tr key={String(row[0])}>
                  {row.map((cell, index) => (
                    <td key={index}>{index === 0 && link !== undefined ? <Link to={link}>{cell}</Link> : cell}</td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function barOptions(
  options: { horizontal?: boolean; stacked?: boolean; legend?: boolean; routes?: Array<Route | undefined> } = {},
): ChartOptions<'bar'> {
  return {
    ...leadsTo(options.routes ?? []),
    // A click anywhere in a bar's column counts, so short bars are as easy to hit as tall ones.
    interaction: { mode: 'index', intersect: false, axis: options.horizontal === true ? 'y' : 'x' },
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion() ? false : undefined,
    indexAxis: options.horizontal === true ? 'y' : 'x',
    plugins: { legend: { display: options.legend === true, position: 'bottom' } },
    scales: {
      x: { stacked: options.stacked === true, ticks: { precision: 0 } },
      y: { stacked: options.stacked === true, ticks: { precision: 0 }, beginAtZero: true },
    },
  };
}

function doughnutOptions(routes: Array<Route | undefined> = []): ChartOptions<'doughnut'> {
  return {
    ...leadsTo(routes),
    responsive: true,
    maintainAspectRatio: false,
    animation: reducedMotion() ? false : undefined,
    plugins: { legend: { position: 'bottom' } },
  };
}

function describe(rows: Array<{ label: string; count: number }>, unit: string): string {
  if (rows.length === 0) {
    return `No ${unit}.`;
  }
  return rows.map((row) => `${row.label}: ${row.count}`).join(', ') + '.';
}

function Charts({ data, condition }: { data: DashboardResult; condition?: string }) {
  const aggregates = data.trialAggregates;
  const ofCondition: Record<string, string[]> = condition === undefined ? {} : { conditionIds: [condition] };

  const phases = [...aggregates.byPhase].sort((a, b) => byOrder(PHASE_ORDER)(a.value, b.value));
  // A trial whose phase is not stated has no entry: its own bar keeps the chart adding up to the trials.
  const unphased = aggregates.trialCount - phases.reduce((sum, row) => sum + row.count, 0);
  // The API has no filter for a phase that is not stated: that bar leads nowhere.
  const phaseRows: Array<{ label: string; count: number; route?: Route }> = [
    ...phases.map((row) => ({
      label: enumLabel(row.value),
      count: row.count,
      route: browse('Trial', { ...ofCondition, phase: [row.value] }),
    })),
    ...(unphased > 0 ? [{ label: 'Not stated', count: unphased }] : []),
  ];
  const phaseData: ChartData<'bar'> = {
    labels: phaseRows.map((row) => row.label),
    datasets: [{ label: 'Trials', data: phaseRows.map((row) => row.count), backgroundColor: PALETTE[0] }],
  };

  const statusRows = aggregates.byStatus.map((row) => ({
    label: enumLabel(row.value),
    count: row.count,
    route: browse('Trial', { ...ofCondition, status: [row.value] }),
  }));
  const statusData: ChartData<'doughnut'> = {
    labels: statusRows.map((row) => row.label),
    datasets: [{ label: 'Trials', data: statusRows.map((row) => row.count), backgroundColor: PALETTE }],
  };

  const enrolled = data.trials.edges.map((edge) => edge.node).filter((trial) => trial.enrollment !== null);
  const trialLabel = (trial: (typeof enrolled)[number]) =>
    trial.acronym ?? trial.registryId ?? (trial.name.length > 28 ? `${trial.name.slice(0, 26)}…` : trial.name);
  // Actual and planned (or "up to") figures are different claims: stacked series keep them apart,
  // and a figure whose kind is not stated is neither.
  const kindOf = (trial: (typeof enrolled)[number]) => ENROLLMENT_GROUP[trial.enrollmentKind ?? ''] ?? 'unstated';
  const series = (group: EnrollmentGroup) =>
    enrolled.map((trial) => (kindOf(trial) === group ? (trial.enrollment ?? 0) : 0));
  const enrollmentData: ChartData<'bar'> = {
    labels: enrolled.map(trialLabel),
    datasets: [
      { label: 'Actual enrollment', data: series('actual'), backgroundColor: PALETTE[2] },
      { label: 'Planned or upper bound', data: series('planned'), backgroundColor: PALETTE[4] },
      ...(enrolled.some((trial) => kindOf(trial) === 'unstated')
        ? [{ label: 'Kind not stated', data: series('unstated'), backgroundColor: PALETTE[7] }]
        : []),
    ],
  };

  const measures = aggregates.outcomesByMeasure;
  const measureRoutes = measures.map((row) => browse('Outcome', { ...ofCondition, measure: [row.measure] }));
  const outcomeData: ChartData<'bar'> = {
    labels: measures.map((row) => enumLabel(row.measure)),
    datasets: [
      { label: 'Improved', data: measures.map((row) => row.improvedCount), backgroundColor: PALETTE[2] },
      {
        label: 'Other results',
        data: measures.map((row) => row.outcomeCount - row.improvedCount),
        backgroundColor: PALETTE[7],
      },
    ],
  };

  // Risks are not tied to a trial filter: the chart counts every risk in the graph by severity.
  const severityRows = RISK_SEVERITIES.map((severity) => ({
    label: enumLabel(severity),
    count: data[severity].totalCount,
    route: browse('Risk', { severity: [severity] }),
  }));
  const riskTotal = severityRows.reduce((sum, row) => sum + row.count, 0);
  const riskData: ChartData<'bar'> = {
    labels: severityRows.map((row) => row.label),
    datasets: [
      {
        label: 'Risks',
        data: severityRows.map((row) => row.count),
        backgroundColor: RISK_SEVERITIES.map((severity) => SEVERITY_COLOUR[severity]),
      },
    ],
  };

  const levels = [...aggregates.byEvidenceLevel].sort((a, b) => levelRank(a.value) - levelRank(b.value));
  const levelRows = levels.map((row) => ({
    label: enumLabel(row.value),
    count: row.count,
    route: browse('Trial', { ...ofCondition, evidenceLevel: [row.value] }),
  }));
  const levelData: ChartData<'doughnut'> = {
    labels: levelRows.map((row) => row.label),
    datasets: [
      {
        label: 'Trials',
        data: levels.map((row) => row.count),
        backgroundColor: levels.map((row) => LEVEL_COLOUR[row.value] ?? '#888888'),
        borderColor: '#ffffff',
      },
    ],
  };

  return (
    <div className="charts">
      <ChartCard
        title="Trials by phase"
        summary={describe(phaseRows, 'trials')}
        table={{
          columns: ['Phase', 'Trials'],
          rows: phaseRows.map((row) => [row.label, row.count]),
          links: phaseRows.map((row) => row.route),
        }}
      >
        {(label) => (
          <Bar
            data={phaseData}
            options={barOptions({ routes: phaseRows.map((row) => row.route) })}
            role="img"
            aria-label={label}
          />
        )}
      </ChartCard>
      <ChartCard
        title="Trials by status"
        summary={describe(statusRows, 'trials')}
        table={{
          columns: ['Status', 'Trials'],
          rows: statusRows.map((row) => [row.label, row.count]),
          links: statusRows.map((row) => row.route),
        }}
      >
        {(label) => (
          <Doughnut
            data={statusData}
            options={doughnutOptions(statusRows.map((row) => row.route))}
            role="img"
            aria-label={label}
          />
        )}
      </ChartCard>
      <ChartCard
        wide
        title="Enrollment by trial"
        summary={`The ${enrolled.length} largest trials by stated enrollment. ${describe(
          enrolled.map((trial) => ({ label: trialLabel(trial), count: trial.enrollment ?? 0 })),
          'trials state an enrollment',
        )}`}
        table={{
          columns: ['Trial', 'Patients', 'Kind'],
          rows: enrolled.map((trial) => [
            trial.name,
            trial.enrollment ?? 0,
            trial.enrollmentKind === null ? 'Not stated' : enumLabel(trial.enrollmentKind),
          ]),
          links: enrolled.map((trial) => ({ name: 'entity', id: trial.id })),
        }}
      >
        {(label) => (
          <Bar
            data={enrollmentData}
            options={barOptions({
              horizontal: true,
              stacked: true,
              legend: true,
              routes: enrolled.map((trial) => ({ name: 'entity', id: trial.id })),
            })}
            role="img"
            aria-label={label}
          />
        )}
      </ChartCard>
      <ChartCard
        wide
        title="Outcomes by measure"
        summary={describe(
          measures.map((row) => ({ label: enumLabel(row.measure), count: row.outcomeCount })),
          'outcomes',
        )}
        table={{
          columns: ['Measure', 'Outcomes', 'Improved', 'Trials'],
          rows: measures.map((row) => [enumLabel(row.measure), row.outcomeCount, row.improvedCount, row.trialCount]),
          links: measureRoutes,
        }}
      >
        {(label) => (
          <Bar
            data={outcomeData}
            options={barOptions({ stacked: true, legend: true, routes: measureRoutes })}
            role="img"
            aria-label={label}
          />
        )}
      </ChartCard>
      <ChartCard
        title="Risks by severity"
        summary={`All ${riskTotal} risks in the graph. ${describe(severityRows, 'risks')}`}
        table={{
          columns: ['Severity', 'Risks'],
          rows: severityRows.map((row) => [row.label, row.count]),
          links: severityRows.map((row) => row.route),
        }}
      >
        {(label) => (
          <Bar
            data={riskData}
            options={barOptions({ routes: severityRows.map((row) => row.route) })}
            role="img"
            aria-label={label}
          />
        )}
      </ChartCard>
      <ChartCard
        title="Evidence-level mix"
        summary={`Trials by the evidence level their design yields. ${describe(levelRows, 'trials')}`}
        table={{
          columns: ['Evidence level', 'Trials'],
          rows: levelRows.map((row) => [row.label, row.count]),
          links: levelRows.map((row) => row.route),
        }}
      >
        {(label) => (
          <Doughnut
            data={levelData}
            options={doughnutOptions(levelRows.map((row) => row.route))}
            role="img"
            aria-label={label}
          />
        )}
      </ChartCard>
    </div>
  );
}

function formatNumber(value: number | null): string {
  return value === null ? '—' : value.toLocaleString('en');
}

function trials(count: number): string {
  return count === 1 ? '1 trial' : `${count.toLocaleString('en')} trials`;
}

/** The key figures; enrollment as actual and planned apart, and the trials that report none. */
function Tiles({ data, condition }: { data: DashboardResult; condition?: string }) {
  const { trialCount, enrollment } = data.trialAggregates;
  const { actual, planned, unstatedKind, trialsWithoutEnrollment } = enrollment.byKind;
  return (
    <ul className="tiles" aria-label="Key figures">
      <li>
        <Link to={browse('Trial', condition === undefined ? {} : { conditionIds: [condition] })}>
          <span className="tile-value">{trialCount}</span> trials
        </Link>
      </li>
      <li data-kind="actual">
        <span className="tile-value">{formatNumber(actual.total)}</span> patients enrolled (actual, in{' '}
        {trials(actual.trialCount)})
      </li>
      <li data-kind="planned">
        <span className="tile-value">{formatNumber(planned.total)}</span> patients planned or upper bound (in{' '}
        {trials(planned.trialCount)}; not enrolled yet)
      </li>
      {unstatedKind.trialCount > 0 && (
        <li data-kind="unstated">
          <span className="tile-value">{formatNumber(unstatedKind.total)}</span> patients, not stated whether actual or
          planned (in {trials(unstatedKind.trialCount)})
        </li>
      )}
      <li data-kind="none">
        <span className="tile-value">{trialsWithoutEnrollment}</span>{' '}
        {trialsWithoutEnrollment === 1 ? 'trial reports' : 'trials report'} no enrollment
      </li>
    </ul>
  );
}

/** An id that is no condition: said as such, not as a condition with no trials. */
function UnknownCondition({ id }: { id: string }) {
  return (
    <div className="error" role="alert">
      <p className="error-title">Unknown condition: {id}</p>
      <p className="error-detail">
        The knowledge graph has no condition with this id. Choose a condition from the list above.
      </p>
    </div>
  );
}

export function DashboardPage({ condition }: { condition?: string }) {
  const filter = condition === undefined ? {} : { conditionIds: [condition] };
  // The enrollment chart leaves out trials that state no enrollment.
  const variables = { filter, enrolled: { ...filter, enrollment: { min: 0 } } };
  const { data, error, loading, retry } = useQuery<DashboardResult>(
    condition === undefined ? DASHBOARD : CONDITION_DASHBOARD,
    condition === undefined ? variables : { ...variables, conditionId: condition },
  );
  const options = useQuery<ConditionOptionsResult>(CONDITION_OPTIONS, {});
  const conditions = options.data?.conditions.edges.map((edge) => edge.node) ?? [];
  const conditionName = conditions.find((row) => row.id === condition)?.name;

  return (
    <>
      <PageHeading title="Dashboard">Trials dashboard</PageHeading>
      <p className="filter-row">
        <label htmlFor="dashboard-condition">Trials of </label>
        <select
          id="dashboard-condition"
          value={condition ?? ''}
          onChange={(event) =>
            navigate(
              hrefFor({ name: 'dashboard', condition: event.target.value === '' ? undefined : event.target.value }),
              {
                replace: true,
              },
            )
          }
        >
          <option value="">every condition</option>
          {condition !== undefined && conditionName === undefined && <option value={condition}>{condition}</option>}
          {conditions.map((row) => (
            <option key={row.id} value={row.id}>
              {row.name} (and its subtypes)
            </option>
          ))}
        </select>
      </p>
      {loading && <Loading label="Loading the dashboard…" />}
      {error !== undefined &&
        (error.kind === 'not-found' && condition !== undefined ? (
          <UnknownCondition id={condition} />
        ) : (
          <ErrorMessage error={error} onRetry={retry} />
        ))}
      {data !== undefined && (
        <>
          <Tiles data={data} condition={condition} />
          {data.evidenceSummary !== undefined && (
            <EvidenceCard
              card={data.evidenceSummary}
              showEnrollment={false}
              heading={`Evidence card: ${data.evidenceSummary.condition.name}`}
            />
          )}
          {data.trialAggregates.trialCount === 0 ? (
            <p>No trials match. Choose another condition.</p>
          ) : (
            <Charts data={data} condition={condition} />
          )}
          <p className="muted">
            A trial&apos;s evidence level follows from its design. Actual enrollment counts patients enrolled; planned
            and upper-bound (&quot;up to&quot;) figures are targets, so the two are never added together. The enrollment
            chart shows the {ENROLLMENT_TRIALS} largest trials by stated figure.
          </p>
        </>
      )}
    </>
  );
}
