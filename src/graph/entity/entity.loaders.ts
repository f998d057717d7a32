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

  relationPage(group: RelationGroup, query: ListQuery): DataLoader<string, ListRow[]> {
    return this.batched(group.key, query, (parents) => relationPages(this.executor, group, parents, query));
  }

  /**
   * A loader of one page per parent for any list field: `name` and `query` key it, so parents
   * asking for the same field with the same arguments share one batch (one query).
   */
  batched<T>(name: string, query: unknown, load: (parents: readonly string[]) => Promise<T[]>): DataLoader<string, T> {
    const key = `${name}:${JSON.stringify(query)}`;
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
    this.counts.clear();
  }
}
