// Named Cypher patterns, built from the relationship definitions of src/graph/relationships.ts.
// A pattern names the definitions it walks, so a removed or renamed relationship fails to compile
// here instead of breaking a query string at run time. Labels and types come only from those
// definitions; variables are the caller's.
import type { RelationshipDef } from './relationships';

/** How deep a walk along SUBCLASS_OF goes: the ontologies we load are at most this deep here. */
export const MAX_SUBCLASS_DEPTH = 3;

/** One hop of a chain: a relationship, walked along its direction or backwards, once or any depth. */
export interface Step {
  rel: RelationshipDef;
  /** Walk from `to` to `from`. */
  backwards?: boolean;
  /**
   * Walk it `min` to MAX_SUBCLASS_DEPTH times (for SUBCLASS_OF, with min 0: the class itself or any
   * ancestor or descendant; with min 1: only those strictly above or below).
   */
  hops?: { min: 0 | 1 };
  /** A variable for the relationship, e.g. `r`. */
  variable?: string;
}

/** The relationship part of one step, e.g. `-[:STUDIES]->` or `<-[:SUBCLASS_OF*0..3]-`. */
export function arrow(step: Step): string {
  const hops = step.hops === undefined ? '' : `*${step.hops.min}..${MAX_SUBCLASS_DEPTH}`;
  const inner = `[${step.variable ?? ''}:${step.rel.type}${hops}]`;
  return step.backwards === true ? `<-${inner}-` : `-${inner}->`;
}

/** The label a step arrives at. */
export const arrivesAt = (step: Step): string => (step.backwards === true ? step.rel.from : step.rel.to);

/**
 * `(v)` then each step, ending in `(x:Label)`: e.g. chain('n', [{ rel: TRIAL_STUDIES },
 * orSubclass(CONDITION_SUBCLASS_OF)], 'c') is
 * `(n)-[:STUDIES]->(:Condition)-[:SUBCLASS_OF*0..3]->(c:Condition)`. `v` may carry a label
 * (`'ci:Product'`).
 */
export function chain(v: string, steps: readonly Step[], x: string): string {
  return steps.reduce(
    (pattern, step, i) => `${pattern}${arrow(step)}(${i === steps.length - 1 ? x : ''}:${arrivesAt(step)})`,
    `(${v})`,
  );
}

/** The step to a class or any of its ancestors (outwards) or descendants (backwards). */
export const orSubclass = (rel: RelationshipDef, backwards = false): Step => ({ rel, backwards, hops: { min: 0 } });

/** The step to any strict ancestor (outwards) or descendant (backwards) of a class. */
export const strictSubclass = (rel: RelationshipDef, backwards = false): Step => ({
  rel,
  backwards,
  hops: { min: 1 },
});
