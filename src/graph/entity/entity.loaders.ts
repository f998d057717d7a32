// Per-request DataLoaders. Relationship fields load through one loader per field and argument
// set, so a query over 50 parents sends one UNWIND query per level, whatever the number of
// parents. Created in the context function for every request, never shared between requests.
import DataLoader from 'dataloader';
import type { Executor } from '../../db/database';
import {
  type EntityRow,
  findByIds,
  type ListQuery,
  type ListRow,
  relationCounts,
  relationPages,
} from './entity.repository';
import type { RelationGroup } from './relations';

/**
 * Parents asking for the same field with the same arguments share a loader. The key of a query
 * object is remembered: a nested list asks for it once per parent.
 */
const KEYS = new WeakMap<object, string>();
function loaderKey(name: string, query: unknown): string {
  if (typeof query !== 'object' || query === null) {
    return `${name}:${JSON.stringify(query)}`;
  }
  let json = KEYS.get(query);
  if (json === undefined) {
    json = JSON.stringify(query);
    KEYS.set(query, json);
  }
  return `${name}:${json}`;
}

export class EntityLoaders {
  /** Entities by id; null where no entity has the id. */
  readonly byId: DataLoader<string, EntityRow | null>;
  private readonly pages = new Map<string, DataLoader<string, unknown>>();
  private readonly counts = new Map<string, DataLoader<string, number>>();

  constructor(private readonly executor: Executor) {
    this.byId = new DataLoader(async (ids) => {
      const found = await findByIds(executor, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  /** Pages a root page read ahead for its nodes, by loader key and parent id. */
  private readonly readAhead = new Map<string, Map<string, ListRow[]>>();

  relationPage(group: RelationGroup, query: ListQuery): DataLoader<string, ListRow[]> {
    return this.batched(group.key, query, (parents) => relationPages(this.executor, group, parents, query));
  }

  /**
   * The page of `parent`, if a root page read it ahead: synchronously, so the field resolves
   * without a promise (several hundred of them in a nested list).
   */
  readAheadPage(group: RelationGroup, query: ListQuery, parent: string): ListRow[] | undefined {
    return this.readAhead.get(loaderKey(group.key, query))?.get(parent);
  }

  /**
   * Records pages read with a root page, for readAheadPage. The field's loader is keyed the same,
   * so a field that finds no page here would find none primed in its loader either.
   */
  setReadAhead(group: RelationGroup, query: ListQuery, pages: Map<string, ListRow[]>): void {
    this.readAhead.set(loaderKey(group.key, query), pages);
  }

  /**
   * A loader of one page per parent for any list field: `name` and `query` key it, so parents
   * asking for the same field with the same arguments share one batch (one query).
   */
  batched<T>(name: string, query: unknown, load: (parents: readonly string[]) => Promise<T[]>): DataLoader<string, T> {
    const key = loaderKey(name, query);
    let loader = this.pages.get(key) as DataLoader<string, T> | undefined;
    if (loader === undefined) {
      loader = new DataLoader(load);
      this.pages.set(key, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  relationCount(
    group: RelationGroup,
    filter: ListQuery['filter'],
    evidence: ListQuery['evidence'],
  ): DataLoader<string, number> {
    const key = `${group.key}:${JSON.stringify([filter, evidence])}`;
    let loader = this.counts.get(key);
    if (loader === undefined) {
      loader = new DataLoader((parents) => relationCounts(this.executor, group, parents, filter, evidence));
      this.counts.set(key, loader);
    }
    return loader;
  }

  /** After a write: nothing read before it may be served again. */
  clearAll(): void {
    this.byId.clearAll();
    this.pages.clear();
    this.readAhead.clear();
    this.counts.clear();
  }
}
