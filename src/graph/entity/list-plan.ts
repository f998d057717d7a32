// One plan per list field of a request. A list field's plan (what it reads: its ListQuery, and for
// a relationship field whose root page read it ahead, the pages by parent) is made once per
// response path and kept on the request's context: the root resolver makes the plans of the
// nested pages it reads in its own query and fills in their pages; every parent's call of a
// relationship field then finds the same plan by its own path, and its loaders are keyed by that
// plan object. Nothing is matched by serialised keys, and no query is built twice.
import type { GraphQLResolveInfo } from 'graphql';
import type { ListQuery, ListRow } from './entity.repository';

export interface ListPlan<Q = ListQuery> {
  query: Q;
  /** Pages a root page read ahead, by parent id; absent when the field reads its own. */
  pages?: Map<string, ListRow[]>;
}

type ResponsePath = GraphQLResolveInfo['path'];

/**
 * The key of a field's plan: its response path without list indices, and the type it is a field
 * of (one path can hold fields of several types under an interface, e.g. neighbourhood nodes).
 */
export function planKey(path: ResponsePath, parentType: string, below: readonly string[] = []): string {
  const keys: string[] = [];
  for (let at: ResponsePath | undefined = path; at !== undefined; at = at.prev) {
    if (typeof at.key === 'string') {
      keys.push(at.key);
    }
  }
  return `${[...keys.reverse(), ...below].join('.')}@${parentType}`;
}

/** The plans of one request. */
export class ListPlans {
  private readonly byKey = new Map<string, ListPlan<unknown>>();
  /**
   * The same plans by the field nodes graphql-js hands every parent at one path (it collects a
   * list's subfields once), so the path is walked once per field, not once per parent.
   */
  private readonly byFieldNodes = new WeakMap<GraphQLResolveInfo['fieldNodes'], ListPlan<unknown>>();

  /** The plan of the field `info` resolves, made by `make` the first time the field is resolved. */
  at<Q>(info: GraphQLResolveInfo, make: () => Q): ListPlan<Q> {
    let plan = this.byFieldNodes.get(info.fieldNodes) as ListPlan<Q> | undefined;
    if (plan !== undefined) {
      return plan;
    }
    const key = planKey(info.path, info.parentType.name);
    plan = this.byKey.get(key) as ListPlan<Q> | undefined;
    if (plan === undefined) {
      plan = { query: make() };
      this.byKey.set(key, plan as ListPlan<unknown>);
    }
    this.byFieldNodes.set(info.fieldNodes, plan as ListPlan<unknown>);
    return plan;
  }

  /** Records a plan made ahead of its field (by the root page that reads it). */
  set(key: string, plan: ListPlan): void {
    this.byKey.set(key, plan as ListPlan<unknown>);
  }
}
