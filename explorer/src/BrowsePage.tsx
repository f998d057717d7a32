// Browse pages: every entity of a kind in a table, through the API's root list of that kind, with
// its filters and sorts, keyset pages (the API's cursors), a choice of columns and a CSV download
// of every matching row. The whole view lives in the address (browse.ts), so it can be shared.
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { graphql } from './api';
import {
  BROWSE,
  type BrowseFilter,
  type BrowsePage as BrowsePageData,
  type BrowseState,
  browseQuery,
  browseSearch,
  browseVariables,
  cellText,
  columnChoices,
  filterIds,
  filterLabel,
  type FilterValue,
  MAX_PAGE_SIZE,
  parseBrowse,
  resolveKind,
  type Row,
  sortLabel,
  toCsv,
} from './browse';
import { ErrorMessage, Loading, PageHeading } from './components';
import { ENTITY_TYPES, type EntityType, enumLabel, propertyLabel, typeColour, typeLabel } from './model';
import { ENTITY_NAMES, type EntityNamesResult, HOME, type HomeResult } from './queries';
import { hrefFor, Link, navigate } from './router';
import { toApiError, useQuery } from './useQuery';
import './browse.css';

const PAGE_SIZES = [10, 25, 50, 100];

/** The address of a browse page; a state given in part leaves the rest at its defaults. */
function browseHref(kind: EntityType, state: Partial<BrowseState> = {}): string {
  return hrefFor({ name: 'browse', kind, search: browseSearch(kind, state) });
}

function KindLinks({ current }: { current?: EntityType }) {
  return (
    <nav aria-label="Kinds of entity">
      <ul className="kind-links">
        {ENTITY_TYPES.map((type) => (
          <li key={type} style={{ borderLeftColor: typeColour(type) }}>
            <Link to={{ name: 'browse', kind: type, search: '' }} aria-current={type === current ? 'page' : undefined}>
              {typeLabel(type)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function BrowseIndex() {
  const { data, error, loading, retry } = useQuery<HomeResult>(HOME, {});
  const counts = new Map(data?.stats.nodes.map((row) => [row.label, row.count]));
  return (
    <>
      <PageHeading title="Browse">Browse the knowledge graph</PageHeading>
      <p className="lead">
        Every entity of a kind in a table: filter, sort, choose the columns and download it as CSV.
      </p>
      {loading && <Loading label="Counting the graph…" />}
      {error !== undefined && <ErrorMessage error={error} onRetry={retry} />}
      <ul className="type-counts">
        {ENTITY_TYPES.map((type) => (
          <li key={type} style={{ borderTopColor: typeColour(type) }}>
            {data !== undefined && <span className="type-count">{counts.get(type) ?? 0}</span>}
            <Link to={{ name: 'browse', kind: type, search: '' }}>{typeLabel(type)}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}

/** What one filter field reads from the form; undefined when it is left empty. */
function readFilter(filter: BrowseFilter, form: FormData): FilterValue | undefined {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  switch (filter.kind) {
    case 'enum': {
      const values = form.getAll(filter.name).map(String);
      return values.length === 0 ? undefined : values;
    }
    case 'ids': {
      const ids = text(filter.name)
        .split(/[\s,]+/)
        .filter((id) => id !== '');
      return ids.length === 0 ? undefined : ids;
    }
    case 'range': {
      const [min, max] = [text(`${filter.name}.min`), text(`${filter.name}.max`)].map((value) =>
        value === '' ? undefined : Number(value),
      );
      return min === undefined && max === undefined ? undefined : { min, max };
    }
    case 'text':
      return text(filter.name) === '' ? undefined : text(filter.name);
    case 'boolean':
      return text(filter.name) === '' ? undefined : text(filter.name) === 'true';
  }
}

function FilterField({ filter, value }: { filter: BrowseFilter; value: FilterValue | undefined }) {
  const id = `filter-${filter.name}`;
  const label = filterLabel(filter);
  switch (filter.kind) {
    case 'enum': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="filter-field filter-enum">
          <legend>{label}</legend>
          {filter.values.map((option) => (
            <label key={option} className="check">
              <input type="checkbox" name={filter.name} value={option} defaultChecked={chosen.includes(option)} />{' '}
              {enumLabel(option)}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'ids':
      return (
        <div className="filter-field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            name={filter.name}
            type="text"
            defaultValue={Array.isArray(value) ? value.join(', ') : ''}
            aria-describedby={`${id}-hint`}
            spellCheck={false}
          />
          <span id={`${id}-hint`} className="hint">
            {typeLabel(filter.target)} ids, separated by commas
          </span>
        </div>
      );
    case 'range': {
      const range = typeof value === 'object' && !Array.isArray(value) ? value : {};
      const step = filter.integer ? 1 : 'any';
      return (
        <fieldset className="filter-field filter-range">
          <legend>{label}</legend>
          <label>
            from{' '}
            <input
              type="number"
              name={`${filter.name}.min`}
              step={step}
              defaultValue={range.min ?? ''}
              inputMode="decimal"
            />
          </label>
          <label>
            to{' '}
            <input
              type="number"
              name={`${filter.name}.max`}
              step={step}
              defaultValue={range.max ?? ''}
              inputMode="decimal"
            />
          </label>
        </fieldset>
      );
    }
    case 'text':
      return (
        <div className="filter-field">
          <label htmlFor={id}>{label}</label>
          <input id={id} name={filter.name} type="text" defaultValue={typeof value === 'string' ? value : ''} />
        </div>
      );
    case 'boolean':
      return (
        <div className="filter-field">
          <label htmlFor={id}>{label}</label>
          <select id={id} name={filter.name} defaultValue={value === undefined ? '' : String(value)}>
            <option value="">either</option>
            <option value="true">yes</option>
            <option value="false">no</option>
          </select>
        </div>
      );
  }
}

function BrowseForm({ kind, state }: { kind: EntityType; state: BrowseState }) {
  const spec = BROWSE[kind];
  const choices = columnChoices(kind);
  const sizes = PAGE_SIZES.includes(state.size) ? PAGE_SIZES : [...PAGE_SIZES, state.size].sort((a, b) => a - b);
  const filtered = Object.keys(state.filters).length > 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const filters: Record<string, FilterValue> = {};
    for (const filter of spec.filters) {
      const value = readFilter(filter, form);
      if (value !== undefined) {
        filters[filter.name] = value;
      }
    }
    const columns = form.getAll('columns').map(String);
    navigate(
      browseHref(kind, {
        filters,
        sort: String(form.get('sort')),
        descending: form.get('dir') === 'desc',
        columns,
        size: Number(form.get('size')),
      }),
    );
  };

  return (
    <form className="browse-form" onSubmit={submit} aria-label={`Filter and sort the ${typeLabel(kind)} list`}>
      <details className="browse-section" open={filtered}>
        <summary>Filters{filtered ? ` (${Object.keys(state.filters).length} set)` : ''}</summary>
        <div className="filter-grid">
          {spec.filters.map((filter) => (
            <FilterField key={filter.name} filter={filter} value={state.filters[filter.name]} />
          ))}
        </div>
      </details>
      <details className="browse-section">
        <summary>Columns ({state.columns.length} shown)</summary>
        <fieldset className="filter-field filter-enum">
          <legend>Columns after the name</legend>
          {choices.map((column) => (
            <label key={column} className="check">
              <input type="checkbox" name="columns" value={column} defaultChecked={state.columns.includes(column)} />{' '}
              {propertyLabel(column)}
            </label>
          ))}
        </fieldset>
      </details>
      <div className="browse-controls">
        <div className="filter-field">
          <label htmlFor="browse-sort">Sort by</label>
          <select id="browse-sort" name="sort" defaultValue={state.sort}>
            {spec.sorts.map((sort) => (
              <option key={sort.field} value={sort.field}>
                {sortLabel(sort.field)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor="browse-dir">Order</label>
          <select id="browse-dir" name="dir" defaultValue={state.descending ? 'desc' : 'asc'}>
            <option value="asc">ascending</option>
            <option value="desc">descending</option>
          </select>
        </div>
        <div className="filter-field">
          <label htmlFor="browse-size">Rows per page</label>
          <select id="browse-size" name="size" defaultValue={state.size}>
            {sizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
        <div className="filter-field browse-actions">
          <button type="submit">Show</button>
          {filtered && (
            <Link
              className="button secondary"
              to={{
                name: 'browse',
                kind,
                search: browseSearch(kind, { ...state, filters: {}, after: undefined, before: undefined }),
              }}
            >
              Clear filters
            </Link>
          )}
        </div>
      </div>
    </form>
  );
}

/**
 * Every row the state's filter and sort keep, a page of MAX_PAGE_SIZE at a time; undefined when
 * `stopped` says the reader left the view before the last page.
 */
async function allRows(
  kind: EntityType,
  state: BrowseState,
  onProgress: (rows: number) => void,
  stopped: () => boolean,
): Promise<Row[] | undefined> {
  const query = browseQuery(kind, state.columns);
  const rows: Row[] = [];
  let after: string | undefined;
  for (;;) {
    const data = await graphql<Record<string, BrowsePageData>>(
      query,
      browseVariables({ ...state, after, before: undefined }, MAX_PAGE_SIZE),
    );
    if (stopped()) {
      return undefined;
    }
    const page = data[BROWSE[kind].connection];
    rows.push(...page.edges.map((edge) => edge.node));
    onProgress(rows.length);
    if (!page.pageInfo.hasNextPage || page.pageInfo.endCursor === null) {
      return rows;
    }
    after = page.pageInfo.endCursor;
  }
}

function saveFile(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Download({ kind, state, total }: { kind: EntityType; state: BrowseState; total: number }) {
  const [progress, setProgress] = useState<{ rows: number; done: boolean } | undefined>(undefined);
  const [error, setError] = useState<ReturnType<typeof toApiError> | undefined>(undefined);
  const busy = progress !== undefined && !progress.done;
  // A download started in a view the reader has left stops at its next page and saves nothing.
  const left = useRef(false);
  useEffect(() => {
    left.current = false;
    return () => {
      left.current = true;
    };
  }, []);
  const start = async () => {
    setError(undefined);
    setProgress({ rows: 0, done: false });
    try {
      const rows = await allRows(
        kind,
        state,
        (count) => setProgress({ rows: count, done: false }),
        () => left.current,
      );
      if (rows === undefined) {
        return;
      }
      saveFile(`${BROWSE[kind].connection}.csv`, toCsv(state.columns, rows));
      setProgress({ rows: rows.length, done: true });
    } catch (caught) {
      setProgress(undefined);
      setError(toApiError(caught));
    }
  };
  return (
    <div className="browse-download">
      <button type="button" className="secondary" onClick={() => void start()} disabled={busy}>
        Download this table as CSV ({total === 1 ? '1 row' : `${total.toLocaleString('en')} rows`})
      </button>
      <span role="status" className="muted">
        {progress === undefined
          ? ''
          : progress.done
            ? `Downloaded ${progress.rows.toLocaleString('en')} rows.`
            : `Fetching rows: ${progress.rows.toLocaleString('en')} of ${total.toLocaleString('en')}…`}
      </span>
      {error !== undefined && <ErrorMessage error={error} onRetry={() => void start()} />}
    </div>
  );
}

function camel(sortField: string): string {
  return sortField.toLowerCase().replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function BrowseTable({ kind, state, page }: { kind: EntityType; state: BrowseState; page: BrowsePageData }) {
  const sortedBy = camel(state.sort);
  const ariaSort = (column: string) =>
    column === sortedBy ? (state.descending ? 'descending' : 'ascending') : undefined;
  const rows = page.edges.map((edge) => edge.node);
  const { pageInfo } = page;
  const paged = state.after !== undefined || state.before !== undefined;
  return (
    <>
      <div className="table-wrap" role="region" aria-label={`${typeLabel(kind)} rows`} tabIndex={0}>
        <table className="data-table browse-table">
          <caption className="visually-hidden">
            {typeLabel(kind)} entities, sorted by {sortLabel(state.sort).toLowerCase()}{' '}
            {state.descending ? 'descending' : 'ascending'}
          </caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort('name')}>
                Name
              </th>
              {state.columns.map((column) => (
                <th key={column} scope="col" aria-sort={ariaSort(column)}>
                  {propertyLabel(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-id={row.id}>
                <th scope="row">
                  <Link to={{ name: 'entity', id: row.id }}>{row.name}</Link>
                </th>
                {state.columns.map((column) => (
                  <td key={column}>{cellText(column, row[column])}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav aria-label="Pages" className="pager">
        <ul>
          {paged && (
            <li>
              <Link
                to={{
                  name: 'browse',
                  kind,
                  search: browseSearch(kind, { ...state, after: undefined, before: undefined }),
                }}
              >
                First page
              </Link>
            </li>
          )}
          {pageInfo.hasPreviousPage && pageInfo.startCursor !== null && (
            <li>
              <Link
                rel="prev"
                to={{
                  name: 'browse',
                  kind,
                  search: browseSearch(kind, { ...state, after: undefined, before: pageInfo.startCursor }),
                }}
              >
                Previous page
              </Link>
            </li>
          )}
          {pageInfo.hasNextPage && pageInfo.endCursor !== null && (
            <li>
              <Link
                rel="next"
                to={{
                  name: 'browse',
                  kind,
                  search: browseSearch(kind, { ...state, after: pageInfo.endCursor, before: undefined }),
                }}
              >
                Next page
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </>
  );
}

/** Ids in the filters that name nothing, or an entity of another kind than the field takes. */
function idProblems(kind: EntityType, state: BrowseState, names: EntityNamesResult | undefined): string[] {
  if (names === undefined) {
    return [];
  }
  const found = new Map(names.nodes.flatMap((node) => (node === null ? [] : [[node.id, node]])));
  return filterIds(kind, state).flatMap(({ filter, id, target }) => {
    const node = found.get(id);
    if (node === undefined) {
      return [`The filter “${filter}” names “${id}”, but the knowledge graph has no entity with this id.`];
    }
    return node.__typename === target
      ? []
      : [`The filter “${filter}” takes ${typeLabel(target)} ids, but “${id}” is a ${typeLabel(node.__typename)}.`];
  });
}

function BrowseKind({ kind, search }: { kind: EntityType; search: string }) {
  const { state, problems } = parseBrowse(kind, search);
  const ids = [...new Set(filterIds(kind, state).map((entry) => entry.id))];
  const names = useQuery<EntityNamesResult>(ENTITY_NAMES, { ids }, ids.length > 0);
  const wrongIds = idProblems(kind, state, names.data);
  const ready = problems.length === 0 && (ids.length === 0 || (names.data !== undefined && wrongIds.length === 0));
  const list = useQuery<Record<string, BrowsePageData>>(
    browseQuery(kind, state.columns),
    browseVariables(state),
    ready,
  );
  const page = list.data?.[BROWSE[kind].connection];
  const named = new Map(names.data?.nodes.flatMap((node) => (node === null ? [] : [[node.id, node.name]])));
  const allProblems = [...problems, ...wrongIds];

  return (
    <>
      <PageHeading title={`Browse: ${typeLabel(kind)}`}>Browse: {typeLabel(kind)}</PageHeading>
      <KindLinks current={kind} />
      <BrowseForm key={search} kind={kind} state={state} />
      {ids.length > 0 && named.size > 0 && (
        <p className="muted browse-named">
          Filtered to{' '}
          {ids
            .filter((id) => named.has(id))
            .map((id, index) => (
              <span key={id}>
                {index > 0 && ', '}
                <Link to={{ name: 'entity', id }}>{named.get(id)}</Link>
              </span>
            ))}
          .
        </p>
      )}
      {allProblems.length > 0 && (
        <div className="error" role="alert">
          <p className="error-title">This address asks for a list the explorer cannot show.</p>
          <ul className="error-detail">
            {allProblems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
          <p className="error-detail">
            Change the filters above, or <Link to={{ name: 'browse', kind, search: '' }}>start again</Link>.
          </p>
        </div>
      )}
      {names.error !== undefined && <ErrorMessage error={names.error} onRetry={names.retry} />}
      {(list.loading || (ids.length > 0 && names.loading)) && (
        <Loading label={`Loading the ${typeLabel(kind)} list…`} />
      )}
      {list.error !== undefined && (
        <>
          <ErrorMessage error={list.error} onRetry={list.retry} />
          {(state.after !== undefined || state.before !== undefined) && (
            <p>
              <Link
                to={{
                  name: 'browse',
                  kind,
                  search: browseSearch(kind, { ...state, after: undefined, before: undefined }),
                }}
              >
                Go to the first page
              </Link>
            </p>
          )}
        </>
      )}
      {page !== undefined && (
        <>
          <div className="browse-summary">
            <p role="status" data-testid="browse-total" data-total={page.totalCount}>
              {page.totalCount === 0
                ? 'No rows match.'
                : `${page.totalCount.toLocaleString('en')} ${page.totalCount === 1 ? 'row matches' : 'rows match'}; this page shows ${page.edges.length}.`}
            </p>
            {page.totalCount > 0 && <Download key={search} kind={kind} state={state} total={page.totalCount} />}
          </div>
          {page.edges.length > 0 && <BrowseTable kind={kind} state={state} page={page} />}
        </>
      )}
    </>
  );
}

export function BrowsePage({ kind, search }: { kind?: string; search: string }) {
  if (kind === undefined) {
    return <BrowseIndex />;
  }
  const resolved = resolveKind(kind);
  if (resolved === undefined) {
    return (
      <>
        <PageHeading title="Unknown kind">Browse</PageHeading>
        <div className="error" role="alert">
          <p className="error-title">Unknown kind: {kind}</p>
          <p className="error-detail">The knowledge graph has no kind of entity called “{kind}”. Choose one below.</p>
        </div>
        <KindLinks />
      </>
    );
  }
  return <BrowseKind kind={resolved} search={search} />;
}
