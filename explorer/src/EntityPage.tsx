// One entity: its properties, its cross-references (linked to their ontology pages), the sources
// that describe it, and the evidence table: every relationship it takes part in, with the claim's
// evidence level, score and each citation, and for a claim stated for a broader class, that class.
// A Condition also gets its evidence summary (trials of its subtypes included); a Trial its
// outcomes with their numbers; a Condition or a Product a forest plot of its trials' outcomes.
// Relationships load a page at a time (see queries.ts for why).
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, graphql } from './api';
import {
  Citations,
  EntityLink,
  ErrorMessage,
  InheritedFrom,
  LevelAndScore,
  Loading,
  PageHeading,
  TypeBadge,
} from './components';
import { ConditionEvidenceCard } from './EvidenceCard';
import { OutcomeForest } from './ForestPlot';
import {
  ENUM_PROPERTIES,
  enumLabel,
  type EntityType,
  isEntityType,
  PROPERTIES,
  propertyLabel,
  RELATIONS,
  typeLabel,
} from './model';
import {
  ENTITY,
  type EntityNode,
  type EntityRef,
  type EntityResult,
  type Evidence,
  propertyKey,
  RELATION_PAGE,
  relationQuery,
  type RelationResult,
} from './queries';
import { TrialOutcomes } from './Outcomes';
import { Link } from './router';
import { rememberSources, useSources } from './sources';
import { toApiError, useQuery } from './useQuery';

interface EvidenceRow {
  key: string;
  relation: string;
  /** The related entity; for a Source's claims, the claim's two ends. */
  entities: EntityRef[];
  evidence: Evidence | undefined;
  /** The class the claim is stated for, when the entity inherits it. */
  inheritedFrom: EntityRef | null;
}

interface RelationGroup {
  field: string;
  label: string;
  total: number;
}

interface GroupState {
  rows: EvidenceRow[];
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  error?: ApiError;
}

/** The relationships the entity has (count > 0), in reading order. */
function relationGroups(node: EntityNode): RelationGroup[] {
  if (!isEntityType(node.__typename)) {
    return [];
  }
  const fields =
    node.__typename === 'Source'
      ? [
          { field: 'claims', label: 'Claims citing this source' },
          { field: 'describes', label: 'Describes' },
        ]
      : (RELATIONS[node.__typename] ?? []);
  return fields
    .map(({ field, label }) => ({
      field,
      label,
      total: (node[field] as { totalCount: number } | undefined)?.totalCount ?? 0,
    }))
    .filter((group) => group.total > 0);
}

/** Loads the first page of every relationship, and more on request. */
function useRelationPages(type: EntityType, id: string, groups: RelationGroup[]) {
  const [states, setStates] = useState<Record<string, GroupState>>({});

  const load = useCallback(
    (group: RelationGroup, after: string | null) => {
      setStates((all) => ({
        ...all,
        [group.field]: {
          ...(all[group.field] ?? { rows: [], endCursor: null, hasNextPage: false }),
          loading: true,
          error: undefined,
        },
      }));
      graphql<RelationResult>(relationQuery(type, group.field), { id, first: RELATION_PAGE, after }).then(
        (data) => {
          const page = data.node?.[group.field];
          const rows: EvidenceRow[] = (page?.edges ?? []).map((edge) =>
            edge.node.subject !== undefined && edge.node.object !== undefined
              ? {
                  key: edge.node.id,
                  relation: enumLabel(edge.node.type ?? ''),
                  entities: [edge.node.subject, edge.node.object],
                  evidence: edge.node.evidence,
                  inheritedFrom: null,
                }
              : {
                  key: `${group.field}:${edge.evidence?.claimId ?? edge.node.id}`,
                  relation: group.label,
                  entities: [edge.node],
                  evidence: edge.evidence,
                  inheritedFrom: edge.inherited === true ? (edge.inheritedFrom ?? null) : null,
                },
          );
          setStates((all) => ({
            ...all,
            [group.field]: {
              rows: [...(after === null ? [] : (all[group.field]?.rows ?? [])), ...rows],
              endCursor: page?.pageInfo.endCursor ?? null,
              hasNextPage: page?.pageInfo.hasNextPage ?? false,
              loading: false,
            },
          }));
        },
        (failure: unknown) => {
          setStates((all) => ({
            ...all,
            [group.field]: {
              ...(all[group.field] ?? { rows: [], endCursor: null, hasNextPage: false }),
              loading: false,
              error: toApiError(failure),
            },
          }));
        },
      );
    },
    [type, id],
  );

  const key = groups.map((group) => group.field).join(' ');
  useEffect(() => {
    for (const group of groups) {
      load(group, null);
    }
    // `groups` is rebuilt on every render; its list of fields (`key`) is what decides a reload.
  }, [load, key]);

  return { states, load };
}

/** An object value (a registered outcome) in one line: its values in the schema's field order. */
function formatObject(value: object): string {
  return Object.values(value)
    .filter((part) => part !== null && part !== undefined && part !== '')
    .map(String)
    .join(' — ');
}

function formatValue(value: unknown, isEnum: boolean): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? undefined : value.map((item) => formatValue(item, isEnum) ?? '').join(', ');
  }
  if (typeof value === 'string') {
    return isEnum ? enumLabel(value) : value;
  }
  return typeof value === 'object' ? formatObject(value) : String(value);
}

interface PropertyItem {
  label: string;
  value: string;
  href?: string;
  /** A list of objects, shown one per line. */
  lines?: string[];
}

function Properties({ node }: { node: EntityNode }) {
  const items: PropertyItem[] = [{ label: 'Identifier', value: node.id }];
  const synonyms = formatValue(node.synonyms, false);
  if (synonyms !== undefined) {
    items.push({ label: 'Also called', value: synonyms });
  }
  if (isEntityType(node.__typename)) {
    for (const field of PROPERTIES[node.__typename]) {
      const raw = node[propertyKey(node.__typename, field)];
      if (Array.isArray(raw) && raw.some((item) => typeof item === 'object' && item !== null)) {
        const lines = raw.map((item) => formatValue(item, false) ?? '');
        items.push({ label: propertyLabel(field), value: lines.join('; '), lines });
        continue;
      }
      const value = formatValue(raw, ENUM_PROPERTIES.has(field));
      if (value !== undefined) {
        items.push({ label: propertyLabel(field), value, href: field === 'url' ? value : undefined });
      }
    }
  }
  return (
    <dl className="properties">
      {items.map((item) => (
        <div key={item.label} className="property">
          <dt>{item.label}</dt>
          <dd>
            {item.lines !== undefined ? (
              <ul className="property-lines">
                {item.lines.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
            ) : item.href !== undefined ? (
              <a href={item.href} target="_blank" rel="noopener noreferrer">
                {item.value}
              </a>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function CrossReferences({ node }: { node: EntityNode }) {
  if (node.crossReferences.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="xrefs-heading">
      <h2 id="xrefs-heading">Cross-references</h2>
      <ul className="xrefs">
        {node.crossReferences.map((xref) => (
          <li key={xref.curie}>
            {xref.url !== null ? (
              <a href={xref.url} target="_blank" rel="noopener noreferrer">
                {xref.curie}
                <span className="visually-hidden"> (opens the {xref.prefix} page in a new tab)</span>
              </a>
            ) : (
              <code>{xref.curie}</code>
            )}
            {xref.primary && <span className="tag">primary</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

function EvidenceTable({ node, type }: { node: EntityNode; type: EntityType }) {
  const groups = relationGroups(node).filter((group) => !(type === 'Source' && group.field === 'describes'));
  const { states, load } = useRelationPages(type, node.id, groups);
  const [shown, setShown] = useState('all');
  const rows = groups.flatMap((group) => states[group.field]?.rows ?? []);
  const cited = useSources(rows.flatMap((row) => row.evidence?.sourceIds ?? []));
  const visible = shown === 'all' ? rows : (states[shown]?.rows ?? []);
  const loading = groups.some((group) => states[group.field]?.loading !== false);
  const between = type === 'Source';

  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Relationships and their evidence</h2>
      {groups.length === 0 && (
        <p className="muted">No relationships recorded for this {typeLabel(type).toLowerCase()}.</p>
      )}
      {groups.length > 1 && (
        <p className="filter-row">
          <label htmlFor="relation-filter">Show </label>
          <select id="relation-filter" value={shown} onChange={(event) => setShown(event.target.value)}>
            <option value="all">All relationships ({groups.reduce((sum, group) => sum + group.total, 0)})</option>
            {groups.map((group) => (
              <option key={group.field} value={group.field}>
                {group.label} ({group.total})
              </option>
            ))}
          </select>
        </p>
      )}
      {groups.map((group) => {
        const error = states[group.field]?.error;
        return error === undefined ? null : (
          <ErrorMessage
            key={group.field}
            error={error}
            onRetry={() => load(group, states[group.field]?.endCursor ?? null)}
          />
        );
      })}
      {cited.error !== undefined && <ErrorMessage error={cited.error} onRetry={cited.retry} />}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table className="evidence-table" aria-busy={loading}>
            <caption className="visually-hidden">
              Each relationship of {node.name}, with its evidence level and score, knowledge level and citations
            </caption>
            <thead>
              <tr>
                <th scope="col">Relationship</th>
                <th scope="col">{between ? 'Between' : 'Related entity'}</th>
                <th scope="col">Evidence level and score</th>
                <th scope="col">Knowledge level</th>
                <th scope="col">Citations</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((row) => (
                <tr key={row.key} data-relation={row.evidence?.type} data-inherited={row.inheritedFrom !== null}>
                  <td data-label="Relationship">
                    <div>
                      {row.relation}
                      {row.inheritedFrom !== null && (
                        <>
                          {' '}
                          <InheritedFrom entity={row.inheritedFrom} />
                        </>
                      )}
                    </div>
                  </td>
                  <td data-label={between ? 'Between' : 'Related entity'}>
                    {row.entities.map((entity, index) => (
                      <span key={`${entity.id}-${index}`} className="row-entity">
                        {index > 0 && <span aria-hidden="true"> → </span>}
                        <EntityLink entity={entity} showType />
                      </span>
                    ))}
                  </td>
                  <td data-label="Evidence">
                    {row.evidence === undefined ? (
                      '—'
                    ) : (
                      <LevelAndScore level={row.evidence.level} score={row.evidence.score} />
                    )}
                  </td>
                  <td data-label="Knowledge level">
                    {row.evidence === undefined ? '—' : enumLabel(row.evidence.knowledgeLevel)}
                  </td>
                  <td data-label="Citations">
                    <Citations sourceIds={row.evidence?.sourceIds ?? []} />
                  </td>
                  <td data-label="Note">{row.evidence?.note ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loading && <Loading label="Loading relationships…" />}
      {groups
        .filter((group) => states[group.field]?.hasNextPage === true && (shown === 'all' || shown === group.field))
        .map((group) => (
          <p key={group.field}>
            <button
              type="button"
              className="secondary"
              disabled={states[group.field]?.loading === true}
              onClick={() => load(group, states[group.field]?.endCursor ?? null)}
            >
              Show more: {group.label.toLowerCase()} ({states[group.field]?.rows.length ?? 0} of {group.total} shown)
            </button>
          </p>
        ))}
    </section>
  );
}

function Describes({ node }: { node: EntityNode }) {
  const group = relationGroups(node).find((candidate) => candidate.field === 'describes');
  const groups = group === undefined ? [] : [group];
  const { states, load } = useRelationPages('Source', node.id, groups);
  if (group === undefined) {
    return null;
  }
  const state = states[group.field];
  return (
    <section aria-labelledby="describes-heading">
      <h2 id="describes-heading">Entities this source describes</h2>
      {state?.error !== undefined && <ErrorMessage error={state.error} onRetry={() => load(group, state.endCursor)} />}
      <ul className="entity-list">
        {(state?.rows ?? []).map((row) => (
          <li key={row.key}>
            <EntityLink entity={row.entities[0]} showType />
          </li>
        ))}
      </ul>
      {state?.loading !== false && <Loading label="Loading…" />}
      {state?.hasNextPage === true && (
        <button
          type="button"
          className="secondary"
          disabled={state.loading}
          onClick={() => load(group, state.endCursor)}
        >
          Show more ({state.rows.length} of {group.total} shown)
        </button>
      )}
    </section>
  );
}

export function EntityPage({ id }: { id: string }) {
  const { data, error, loading, retry } = useQuery<EntityResult>(ENTITY, { id });
  const node = data?.node ?? null;
  const described = node?.sources ?? [];
  useEffect(() => rememberSources(node?.sources ?? []), [node]);

  if (loading) {
    return (
      <>
        <PageHeading title="Loading">Loading…</PageHeading>
        <Loading label="Loading the entity…" />
      </>
    );
  }
  if (error !== undefined) {
    return (
      <>
        <PageHeading title="Could not load the entity">Could not load the entity</PageHeading>
        <ErrorMessage error={error} onRetry={retry} />
      </>
    );
  }
  if (node === null || !isEntityType(node.__typename)) {
    return (
      <>
        <PageHeading title="Not found">Nothing found</PageHeading>
        <p>
          The knowledge graph has no entity with the id <code>{id}</code>. Check the address, or search for it above.
        </p>
      </>
    );
  }

  return (
    <article className="entity" aria-labelledby="entity-name">
      <div className="entity-head">
        <TypeBadge typename={node.__typename} />
        <PageHeading title={node.name}>
          <span id="entity-name">{node.name}</span>
        </PageHeading>
        <p className="actions">
          <Link className="button" to={{ name: 'graph', id: node.id }}>
            Graph view
          </Link>
          <Link className="button secondary" to={{ name: 'paths', from: node.id }}>
            Find paths from here
          </Link>
          {node.__typename === 'Condition' && (
            <Link className="button secondary" to={{ name: 'dashboard', condition: node.id }}>
              Dashboard for this condition
            </Link>
          )}
        </p>
      </div>
      {node.description !== null && <p className="lead">{node.description}</p>}
      <section aria-labelledby="properties-heading">
        <h2 id="properties-heading">Properties</h2>
        <Properties node={node} />
      </section>
      <CrossReferences node={node} />
      {node.__typename === 'Trial' && <TrialOutcomes trialId={node.id} trialName={node.name} />}
      {node.__typename === 'Condition' && <ConditionEvidenceCard id={node.id} />}
      {node.__typename === 'Condition' && (
        <OutcomeForest filter={{ conditionIds: [node.id] }} whose="trials of this condition or its subtypes" />
      )}
      {node.__typename === 'Product' && (
        <OutcomeForest filter={{ productIds: [node.id] }} whose="trials testing this product" />
      )}
      <EvidenceTable node={node} type={node.__typename} />
      {node.__typename === 'Source' && <Describes node={node} />}
      {described.length > 0 && (
        <section aria-labelledby="sources-heading">
          <h2 id="sources-heading">Described by</h2>
          <Citations sources={described} />
        </section>
      )}
      <p className="muted meta">
        Version {node.version}
        {node.updatedAt !== null && `, updated ${node.updatedAt.slice(0, 10)}`}.
      </p>
    </article>
  );
}
