// Paths between two entities: each path is a chain of claims that follows the way reasoning flows
// (tissue → cell type → mechanism → condition), said as one sentence, and each step shows its
// verb, its evidence level and its citations. The chosen entities live in the address
// (?from=&to=&maxLength=), so a result can be shared as a link.
import { type FormEvent, useEffect, useState } from 'react';
import { Citations, EntityLink, ErrorMessage, LevelAndScore, Loading, PageHeading } from './components';
import { enumLabel } from './model';
import { ENTITY_NAMES, type EntityNamesResult, type EntityRef, PATHS, type PathsResult } from './queries';
import { hrefFor, navigate } from './router';
import { SearchBox } from './SearchBox';
import { useSources } from './sources';
import { useQuery } from './useQuery';

const LENGTHS = [1, 2, 3, 4, 5, 6];
const strengthText = (strength: number) => strength.toFixed(2);
const DEFAULT_LENGTH = 4;
const PATHS_SHOWN = 5;

interface PathsPageProps {
  from?: string;
  to?: string;
  maxLength?: number;
}

function PathList({ from, to, maxLength }: { from: string; to: string; maxLength: number }) {
  const { data, error, loading, retry } = useQuery<PathsResult>(PATHS, { from, to, maxLength, first: PATHS_SHOWN });
  const cited = useSources(data?.paths.flatMap((path) => path.steps.flatMap((step) => step.evidence.sourceIds)) ?? []);
  if (loading) {
    return <Loading label="Looking for paths…" />;
  }
  if (error !== undefined || data === undefined) {
    return error === undefined ? null : <ErrorMessage error={error} onRetry={retry} />;
  }
  if (data.paths.length === 0) {
    return (
      <p role="status">
        No chain of reasoning of at most {maxLength} {maxLength === 1 ? 'step' : 'steps'} leads from the first to the
        second. Allow longer paths, swap the two, or pick other entities.
      </p>
    );
  }
  return (
    <>
      {cited.error !== undefined && <ErrorMessage error={cited.error} onRetry={cited.retry} />}
      <p role="status">
        {data.paths.length === 1 ? 'One path' : `${data.paths.length} paths`}, strongest evidence first (a path is as
        strong as its weakest step).
      </p>
      <ol className="paths">
        {data.paths.map((path, index) => (
          <li key={index} className="path">
            <h2 className="path-title">
              Path {index + 1}: {path.length} {path.length === 1 ? 'step' : 'steps'}, strength{' '}
              {strengthText(path.strength)}
            </h2>
            <p className="path-explanation">{path.explanation}</p>
            <ol className="chain">
              {path.steps.map((step, stepIndex) => (
                <li key={`${step.evidence.claimId}-${stepIndex}`} className="step">
                  {stepIndex === 0 && (
                    <div className="chain-entity">
                      <EntityLink entity={step.from} showType />
                    </div>
                  )}
                  <div className="chain-claim">
                    <p className="claim-type">
                      <span aria-hidden="true">↓ </span>
                      {step.verb}{' '}
                      <span className="muted">
                        ({enumLabel(step.type)}
                        {step.forward ? '' : ', stated the other way round'}, strength {strengthText(step.strength)})
                      </span>{' '}
                      <LevelAndScore level={step.evidence.level} score={step.evidence.score} />
                    </p>
                    {step.evidence.note !== null && <p className="claim-note">{step.evidence.note}</p>}
                    <Citations sourceIds={step.evidence.sourceIds} />
                  </div>
                  <div className="chain-entity">
                    <EntityLink entity={step.to} showType />
                  </div>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </>
  );
}

export function PathsPage({ from, to, maxLength }: PathsPageProps) {
  const ids = [from, to].filter((id): id is string => id !== undefined);
  const names = useQuery<EntityNamesResult>(ENTITY_NAMES, { ids }, ids.length > 0);
  const known = new Map<string, EntityRef>();
  for (const node of names.data?.nodes ?? []) {
    if (node !== null) {
      known.set(node.id, node);
    }
  }
  const [pickedFrom, setPickedFrom] = useState<string | undefined>(from);
  const [pickedTo, setPickedTo] = useState<string | undefined>(to);
  const [length, setLength] = useState(maxLength ?? DEFAULT_LENGTH);

  useEffect(() => {
    setPickedFrom(from);
    setPickedTo(to);
    setLength(maxLength ?? DEFAULT_LENGTH);
  }, [from, to, maxLength]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(hrefFor({ name: 'paths', from: pickedFrom, to: pickedTo, maxLength: length }));
  };
  const unknown = ids.filter((id) => names.data !== undefined && !known.has(id));
  const ready = from !== undefined && to !== undefined && unknown.length === 0 && names.data !== undefined;

  return (
    <>
      <PageHeading title="Paths">Paths between two entities</PageHeading>
      <p className="lead">
        Why is one entity linked to another? Each path is a chain of cited claims that reasons from the first to the
        second, each claim read the way it flows (a tissue gives rise to a cell type, a mechanism may affect a
        condition).
      </p>
      <form className="paths-form" onSubmit={submit}>
        <SearchBox
          label="From"
          placeholder="e.g. mesenchymal stem cell"
          initialText={from === undefined ? '' : (known.get(from)?.name ?? '')}
          onSelect={(entity) => setPickedFrom(entity.id)}
        />
        <SearchBox
          label="To"
          placeholder="e.g. low back pain"
          initialText={to === undefined ? '' : (known.get(to)?.name ?? '')}
          onSelect={(entity) => setPickedTo(entity.id)}
        />
        <div className="field">
          <label htmlFor="max-length">Longest path</label>
          <select id="max-length" value={length} onChange={(event) => setLength(Number(event.target.value))}>
            {LENGTHS.map((value) => (
              <option key={value} value={value}>
                {value} {value === 1 ? 'step' : 'steps'}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button type="submit" disabled={pickedFrom === undefined || pickedTo === undefined}>
            Find paths
          </button>
        </div>
      </form>
      {(pickedFrom === undefined || pickedTo === undefined) && (
        <p className="muted">Choose both entities from the suggestions to search for paths.</p>
      )}
      {names.error !== undefined && <ErrorMessage error={names.error} onRetry={names.retry} />}
      {unknown.length > 0 && (
        <p role="alert" className="error">
          The knowledge graph has no entity with the id {unknown.map((id) => `“${id}”`).join(' or ')}. Pick it again
          from the suggestions.
        </p>
      )}
      {ready && <PathList from={from} to={to} maxLength={maxLength ?? DEFAULT_LENGTH} />}
    </>
  );
}
