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
  /** Zero to MAX_SUBCLASS_DEPTH hops (for SUBCLASS_OF: the class itself or any ancestor/descendant). */
  anyDepth?: boolean;
}

/** The relationship part of one step, e.g. `-[:STUDIES]->` or `<-[:SUBCLASS_OF*0..3]-`. */
export function arrow(step: Step, variable = ''): string {
  const hops = step.anyDepth === true ? `*0..${MAX_SUBCLASS_DEPTH}` : '';
  const inner = `[${variable}:${step.rel.type}${hops}]`;
  return step.backwards === true ? `<-${inner}-` : `-${inner}->`;
}

/** The label a step arrives at. */
export const arrivesAt = (step: Step): string => (step.backwards === true ? step.rel.from : step.rel.to);

/**
 * `(v)` then each step, ending in `(x:Label)`: e.g. chain('n', [{ rel: TRIAL_STUDIES },
 * { rel: CONDITION_SUBCLASS_OF, anyDepth: true }], 'c') is
 * `(n)-[:STUDIES]->(:Condition)-[:SUBCLASS_OF*0..3]->(c:Condition)`.
 */
export function chain(v: string, steps: readonly Step[], x: string): string {
  return steps.reduce(
    (pattern, step, i) => `${pattern}${arrow(step)}(${i === steps.length - 1 ? x : ''}:${arrivesAt(step)})`,
    `(${v})`,
  );
}

/** The step to a class or any of its ancestors (outwards) or descendants (backwards). */
export const orSubclass = (rel: RelationshipDef, backwards = false): Step => ({ rel, backwards, anyDepth: true });
