// Per-request DataLoaders. Relationship fields load through one loader per field and argument
// set, so a query over 50 parents sends one UNWIND query per level, whatever the number of
// parents. Created in the context function for every request, never shared between requests.
import DataLoader from 'dataloader';
import type { Executor } from '../../db/database';
import { type EntityParent, findByIds, type ListRow, relationCounts, relationPages } from './entity.repository';
import type { ListPlan } from './list-plan';
import type { RelationGroup } from './relations';

export class EntityLoaders {
  /** Entities by id; null where no entity has the id. */
  readonly byId: DataLoader<string, EntityParent | null>;
  /** Page and count loaders by the plan (src/graph/entity/list-plan.ts) of the field they serve. */
  private readonly pages = new Map<object, DataLoader<string, unknown>>();
  private readonly counts = new Map<object, DataLoader<string, number>>();

  constructor(private readonly executor: Executor) {
    this.byId = new DataLoader(async (ids) => {
      const found = await findByIds(executor, ids);
      return ids.map((id) => found.get(id) ?? null);
    });
  }

  relationPage(group: RelationGroup, plan: ListPlan): DataLoader<string, ListRow[]> {
    return this.batched(plan, (parents) => relationPages(this.executor, group, parents, plan.query));
  }

  relationCount(group: RelationGroup, plan: ListPlan): DataLoader<string, number> {
    return this.counted(plan, (parents) =>
      relationCounts(this.executor, group, parents, plan.query.filter, plan.query.evidence, plan.query.inherited),
    );
  }

  /**
   * The loader of one page per parent for the list field whose plan is `plan`: every parent of the
   * field shares it, so a level of a nested list is one query.
   */
  batched<T>(plan: object, load: (parents: readonly string[]) => Promise<T[]>): DataLoader<string, T> {
    let loader = this.pages.get(plan) as DataLoader<string, T> | undefined;
    if (loader === undefined) {
      loader = new DataLoader(load);
      this.pages.set(plan, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  /** The loader of one count per parent for the list field whose plan is `plan`. */
  counted(plan: object, load: (parents: readonly string[]) => Promise<number[]>): DataLoader<string, number> {
    let loader = this.counts.get(plan);
    if (loader === undefined) {
      loader = new DataLoader(load);
      this.counts.set(plan, loader);
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
