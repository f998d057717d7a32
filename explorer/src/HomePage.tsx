// The overview: what the graph holds (live counts from `stats`, each leading to the list it counts)
// and a few places to start.
import { ErrorMessage, Loading, PageHeading } from './components';
import { ENTITY_TYPES, typeColour, typeLabel } from './model';
import { HOME, type HomeResult } from './queries';
import { Link } from './router';
import { useQuery } from './useQuery';

const DDD = 'condition:degenerative-disc-disease';

export function HomePage() {
  const { data, error, loading, retry } = useQuery<HomeResult>(HOME, {});
  const counts = new Map(data?.stats.nodes.map((row) => [row.label, row.count]));

  return (
    <>
      <PageHeading title="Overview">Cell therapy for lower back pain, as a knowledge graph</PageHeading>
      <p className="lead">
        Search for a condition, a trial, a cell type or a product above. Every relationship in the graph names its
        evidence level and the sources behind it.
      </p>

      <section aria-labelledby="start-heading">
        <h2 id="start-heading">Places to start</h2>
        <ul className="cards">
          <li className="card">
            <Link to={{ name: 'entity', id: DDD }}>Degenerative disc disease</Link>
            <p>Its trials, mechanisms, regulatory standing and the evidence for each.</p>
          </li>
          <li className="card">
            <Link to={{ name: 'graph', id: DDD }}>The graph around it</Link>
            <p>Click an entity to grow its neighbourhood.</p>
          </li>
          <li className="card">
            <Link to={{ name: 'dashboard' }}>Trials dashboard</Link>
            <p>Phases, status, enrollment, outcomes, risks and evidence levels.</p>
          </li>
          <li className="card">
            <Link to={{ name: 'browse', search: '' }}>Browse every kind</Link>
            <p>Each kind of entity in a table to filter, sort and download as CSV.</p>
          </li>
          <li className="card">
            <Link to={{ name: 'paths', from: 'cell-type:mesenchymal-stem-cell', to: 'condition:low-back-pain' }}>
              How might stem cells relieve back pain?
            </Link>
            <p>The chains of claims from mesenchymal stem cells to low back pain.</p>
          </li>
        </ul>
      </section>

      <section aria-labelledby="contents-heading">
        <h2 id="contents-heading">What the graph holds</h2>
        {loading && <Loading label="Counting the graph…" />}
        {error !== undefined && <ErrorMessage error={error} onRetry={retry} />}
        {data !== undefined && (
          <>
            <p>
              {data.stats.totalNodes} entities joined by {data.stats.totalRelationships} cited relationships.
            </p>
            <ul className="type-counts">
              {ENTITY_TYPES.map((type) => (
                <li key={type} style={{ borderTopColor: typeColour(type) }}>
                  <Link to={{ name: 'browse', kind: type, search: '' }} className="type-link">
                    <span className="type-count">{counts.get(type) ?? 0}</span>
                    <span>{typeLabel(type)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
