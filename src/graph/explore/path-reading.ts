// How `paths` reads the relationship definitions: which way a chain of reasoning follows each
// relationship type, how strong the evidence of a step is, and how a step and a whole chain read as
// English. Everything here derives from src/graph/relationships.ts and the evidence scale of
// src/graph/model.ts, so a new relationship or level needs no change in this file.
import { LEVEL_SCORES } from '../evidence/score';
import { EVIDENCE_LEVELS, type EvidenceLevel, type Label, type RelationshipType } from '../model';
import { relationshipDefsBetween } from '../registry';
import { RELATIONSHIPS, type RelationshipDef } from '../relationships';
import { SOURCE } from '../source/source.entity';
import { TRIAL } from '../trial/trial.entity';
import type { EntityParent, EvidenceRow } from '../entity/entity.repository';

export type Flow = RelationshipDef['flow'];

function flowByType(definitions: readonly RelationshipDef[]): ReadonlyMap<RelationshipType, Flow> {
  const flows = new Map<RelationshipType, Flow>();
  for (const def of definitions) {
    const seen = flows.get(def.type);
    // A step is matched by its type alone in Cypher, so two flows for one type could not both hold.
    if (seen !== undefined && seen !== def.flow) {
      throw new Error(`relationships.ts: every definition of ${def.type} must have the same flow`);
    }
    flows.set(def.type, def.flow);
  }
  return flows;
}

/** Which way a chain of reasoning follows each relationship type (its definitions' `flow`). */
export const FLOW_BY_TYPE: ReadonlyMap<RelationshipType, Flow> = flowByType(RELATIONSHIPS);

/** The relationship types whose flow is `flow`, in catalogue order. */
export const typesFlowing = (flow: Flow): RelationshipType[] =>
  [...FLOW_BY_TYPE].filter(([, f]) => f === flow).map(([type]) => type);

/** For each label, the labels one step along the flow of some relationship leads to. */
const FLOW_STEPS: ReadonlyMap<Label, readonly Label[]> = (() => {
  const steps = new Map<Label, Set<Label>>();
  for (const def of RELATIONSHIPS) {
    const [origin, effect] = def.flow === 'out' ? [def.from, def.to] : [def.to, def.from];
    steps.set(origin, (steps.get(origin) ?? new Set()).add(effect));
  }
  return new Map([...steps].map(([label, next]) => [label, [...next]]));
})();

const FLOW_STEPS_BACK: ReadonlyMap<Label, readonly Label[]> = (() => {
  const steps = new Map<Label, Label[]>();
  for (const [origin, effects] of FLOW_STEPS) {
    for (const effect of effects) {
      steps.set(effect, [...(steps.get(effect) ?? []), origin]);
    }
  }
  return steps;
})();

/** The fewest steps (at least one, at most `max`) from `start` to each label, along `steps`. */
function stepsFrom(start: Label, steps: ReadonlyMap<Label, readonly Label[]>, max: number): Map<Label, number> {
  const distance = new Map<Label, number>();
  let frontier = [start];
  for (let d = 1; d <= max && frontier.length > 0; d += 1) {
    frontier = frontier.flatMap((label) => steps.get(label) ?? []).filter((label) => !distance.has(label));
    frontier = [...new Set(frontier)];
    for (const label of frontier) {
      distance.set(label, d);
    }
  }
  return distance;
}

/**
 * The labels an entity strictly between `fromLabel` and `toLabel` can have on a path of at most
 * `maxLength` steps that all follow the flow. Known from the definitions alone, it keeps the search
 * out of kinds that lead nowhere: without it, a pair joined by few or no such paths makes the
 * search try every chain through the rest of the graph before it can stop.
 */
export function labelsBetween(fromLabel: Label, toLabel: Label, maxLength: number): Label[] {
  const fromStart = stepsFrom(fromLabel, FLOW_STEPS, maxLength - 1);
  const toEnd = stepsFrom(toLabel, FLOW_STEPS_BACK, maxLength - 1);
  return [...fromStart]
    .filter(([label, d]) => label !== SOURCE.label && toEnd.has(label) && d + toEnd.get(label)! <= maxLength)
    .map(([label]) => label);
}

/**
 * The relationship types a step of such a path can have: those with a definition whose origin is
 * `fromLabel` or one of `inner` (labelsBetween of the same ends and length) and whose effect is one
 * of `inner` or `toLabel`, in catalogue order. The search expands only these, so a dense entity's
 * claims of other kinds (a trial's outcomes, sponsors and sources) are never read. Empty when no
 * such path can exist.
 */
export function typesBetween(fromLabel: Label, toLabel: Label, inner: readonly Label[]): RelationshipType[] {
  const origins = new Set<Label>([fromLabel, ...inner]);
  const effects = new Set<Label>([...inner, toLabel]);
  const types = new Set<RelationshipType>();
  for (const def of RELATIONSHIPS) {
    const [origin, effect] = def.flow === 'out' ? [def.from, def.to] : [def.to, def.from];
    if (origins.has(origin) && effects.has(effect)) {
      types.add(def.type);
    }
  }
  return [...FLOW_BY_TYPE.keys()].filter((type) => types.has(type));
}

/**
 * The strength of a step whose claim has no `score`: the level part of the evidence score
 * (src/graph/evidence/score.ts), so that a scored and an unscored claim compare on one scale.
 */
export const LEVEL_STRENGTHS: Readonly<Record<EvidenceLevel, number>> = LEVEL_SCORES;

/** The fallback table as a client reads it: "SYSTEMATIC_REVIEW 1, RANDOMISED_CONTROLLED_TRIAL 0.85, …". */
export const LEVEL_STRENGTHS_TEXT = EVIDENCE_LEVELS.map((level) => `${level} ${LEVEL_STRENGTHS[level]}`).join(', ');

/**
 * How many chains SHORTEST finds, shortest first, for `paths` to rank where it does not rank every
 * chain (any direction, `via`, dense neighbourhoods): a bound on the work in a large graph, and
 * still several times the largest `first`. The work grows with it about linearly.
 */
export const PATH_CANDIDATES = 50;

/** How one step of a path reads. */
export interface StepReading {
  /** The verb phrase in the direction walked, e.g. "gives rise to". */
  verb: string;
  /** Whether the step goes the way its relationship flows. */
  followsFlow: boolean;
}

/**
 * A step over a claim of `type` from an entity labelled `fromLabel` to one labelled `toLabel`;
 * `forward` when the claim points that way too.
 */
export function readStep(type: RelationshipType, fromLabel: Label, toLabel: Label, forward: boolean): StepReading {
  const [subject, object] = forward ? [fromLabel, toLabel] : [toLabel, fromLabel];
  const def = relationshipDefsBetween(type, subject, object)[0];
  const flow = def?.flow ?? FLOW_BY_TYPE.get(type);
  return {
    // Claims are validated against the definitions, so the fallback only shows a type that a newer
    // writer added without one.
    verb: def === undefined ? type.toLowerCase().replaceAll('_', ' ') : forward ? def.verbs.out : def.verbs.in,
    followsFlow: forward === (flow === 'out'),
  };
}

/** The names of trials and sources begin with an author, a registry id or a title: proper nouns. */
const PROPER_NAMED: ReadonlySet<Label> = new Set([TRIAL.label, SOURCE.label]);
/** A first word that is an ordinary capitalised word ("Adipose", "Adipose-derived"), not an acronym. */
const CAPITALISED_WORD = /^\p{Lu}[\p{Ll}'’-]*(?=[\s,;:()]|$)/u;

/** How an entity's name reads inside a sentence: "Adipose tissue" as "adipose tissue", "IDCT" as is. */
export function nameInSentence(name: string, label: Label): string {
  if (PROPER_NAMED.has(label) || !CAPITALISED_WORD.test(name)) {
    return name;
  }
  return name.charAt(0).toLowerCase() + name.slice(1);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** An entity as a path reads it. */
export interface NamedEntity {
  name: string;
  __typename: Label;
}

/** One step as a clause: "Adipose tissue gives rise to mesenchymal stem cell". */
export const stepPhrase = (from: NamedEntity, verb: string, to: NamedEntity): string =>
  `${capitalised(from.name)} ${verb} ${nameInSentence(to.name, to.__typename)}`;

/**
 * A path as one sentence: "Adipose tissue gives rise to mesenchymal stem cell, which may act
 * through reduction of inflammation, which may affect degenerative disc disease."
 */
export function explainPath(nodes: readonly NamedEntity[], verbs: readonly string[]): string {
  const clauses = verbs.map((verb, i) =>
    i === 0
      ? stepPhrase(nodes[0], verb, nodes[1])
      : `which ${verb} ${nameInSentence(nodes[i + 1].name, nodes[i + 1].__typename)}`,
  );
  const sentence = clauses.join(', ');
  return sentence.endsWith('.') ? sentence : `${sentence}.`;
}

/** A path as the API answers it: each step read, and the whole as a sentence. */
export interface DescribedPath extends PathRow {
  steps: Array<PathStepRow & StepReading & { phrase: string }>;
  explanation: string;
}

export function describePath(path: PathRow): DescribedPath {
  const steps = path.steps.map((step) => {
    const reading = readStep(step.type, step.from.__typename, step.to.__typename, step.forward);
    return { ...step, ...reading, phrase: stepPhrase(step.from, reading.verb, step.to) };
  });
  return {
    ...path,
    steps,
    explanation: explainPath(
      path.nodes,
      steps.map((step) => step.verb),
    ),
  };
}

export interface PathStepRow {
  from: EntityParent;
  to: EntityParent;
  type: string;
  forward: boolean;
  strength: number;
  evidence: EvidenceRow;
}

export interface PathRow {
  length: number;
  nodes: EntityParent[];
  steps: PathStepRow[];
  strength: number;
  strengthProduct: number;
}
