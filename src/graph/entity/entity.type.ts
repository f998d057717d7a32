// The shared shape of every entity: the Relay Node interface, the Entity interface with names,
// identifiers and curation metadata, cross-references, and the evidence a claim carries.
import { Authorized, Field, Float, ID, Int, InterfaceType, ObjectType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { AgentType, EvidenceLevel, KnowledgeLevel, RelationshipType } from '../enums';

/** Rows carry their GraphQL type name, so interfaces resolve without instanceof checks. */
const byTypename = (value: { __typename?: string }) => value.__typename;

@InterfaceType({
  description: 'An object with a stable global id (Relay object identification).',
  resolveType: byTypename,
})
export abstract class Node {
  @Field(() => ID, { description: 'Stable, readable global id such as condition:degenerative-disc-disease.' })
  id!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'An identifier of the entity in another vocabulary (a CURIE), with a link.',
})
export class CrossReference {
  @Field(() => String, { description: 'The CURIE, e.g. MONDO:0011385.' })
  curie!: string;

  @Field(() => String, { description: 'The vocabulary prefix, e.g. MONDO.' })
  prefix!: string;

  @Field(() => String, { description: 'The identifier within the vocabulary, e.g. 0011385.' })
  localId!: string;

  @Field(() => String, { nullable: true, description: 'A page describing the term, where the vocabulary has one.' })
  url!: string | null;

  @Field(() => Boolean, { description: 'Whether this is the primary identifier of the entity.' })
  primary!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'A value an ingested source states for a field that a curator set differently. The curated value stays; both are shown, each with its source.',
})
export class AlternativeValue {
  @Field(() => String, { description: 'The field, e.g. enrollment.' })
  field!: string;

  @Field(() => String, { description: 'The value the source states, as JSON (e.g. 104, "COMPLETED", ["a","b"]).' })
  value!: string;

  @Field(() => ID, { description: 'The source that states it, e.g. source:ctgov-nct01290367.' })
  sourceId!: string;

  @Field(() => String, { nullable: true, description: 'The ingestion that read it, e.g. ingest:ctgov.' })
  ingestedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'When it was retrieved from the source (ISO 8601).' })
  retrievedAt!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Who stated what about an entity: curators (MANUAL_AGENT) or an ingestion from a public source (AUTOMATED_AGENT), field by field.',
})
export class EntityProvenance {
  @Field(() => AgentType, {
    description:
      'AUTOMATED_AGENT when an ingestion created the entity, MANUAL_AGENT when curators did (an ingestion may have added fields: see ingestedFields).',
  })
  agentType!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The ingestion that last set fields, e.g. ingest:ctgov; null if none.',
  })
  ingestedBy!: string | null;

  @Field(() => ID, { nullable: true, description: 'The source record those fields come from.' })
  ingestedFrom!: string | null;

  @Field(() => String, { nullable: true, description: 'When that record was retrieved (ISO 8601).' })
  retrievedAt!: string | null;

  @Field(() => [String], {
    description:
      'Fields whose value an ingestion set, marked with the ingestion ("ctgov/enrollment"), or list items it added ("ontology/synonyms=MSC"); every other value is curated.',
  })
  ingestedFields!: string[];

  @Field(() => [AlternativeValue], {
    description: 'Values an ingested source states that differ from the curated ones; the curated value is kept.',
  })
  alternativeValues!: AlternativeValue[];
}

@InterfaceType({
  implements: Node,
  description: 'Anything in the knowledge graph: a named entity with identifiers, sources and curation metadata.',
  resolveType: byTypename,
})
export abstract class Entity extends Node {
  @Field(() => String, { description: 'Human-readable name (for a Source, its title).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What this is, in our own words.' })
  description!: string | null;

  @Field(() => [String], { description: 'Other names the entity goes by.' })
  synonyms!: string[];

  @Field(() => String, { nullable: true, description: 'Primary ontology identifier (CURIE), if any.' })
  curie!: string | null;

  @Field(() => [CrossReference], { description: 'The primary CURIE and every exact match, with links.' })
  crossReferences!: CrossReference[];

  @Field(() => Int, { description: 'Optimistic-concurrency version; increases with every change.' })
  version!: number;

  @Field(() => String, { nullable: true, description: 'When the entity was created (ISO 8601).' })
  createdAt!: string | null;

  @Field(() => String, { nullable: true, description: 'When the entity last changed (ISO 8601).' })
  updatedAt!: string | null;

  @Authorized(Role.CURATOR)
  @Field(() => String, {
    nullable: true,
    // Not simple: a simple field skips the role check.
    simple: false,
    description:
      'Who last changed the entity: `key:<name>` for an API key, `jwt:<subject>` for a JWT, or "seed". Curators and admins only; others get UNAUTHENTICATED or FORBIDDEN.',
  })
  updatedBy!: string | null;

  @Field(() => EntityProvenance, {
    description:
      'Which values curators stated and which an ingestion from a public source added, with its record and time.',
  })
  provenance!: EntityProvenance;

  /** Ids of the sources describing the entity; exposed through the `sources` field. */
  sourceIds!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'One part of an evidence score (docs/EVIDENCE.md).' })
export class ScorePart {
  @Field(() => Float, {
    nullable: true,
    description: 'The part, from 0 to 1; null when its input is unknown (it then does not count).',
  })
  value!: number | null;

  @Field(() => Float, { description: 'Its weight in the score, before renormalising over the known parts.' })
  weight!: number;

  @Field(() => String, { description: 'What the part was computed from, e.g. "n = 100" or "2 sources".' })
  input!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The parts an evidence score is computed from.' })
export class ScoreParts {
  @Field(() => ScorePart, { description: 'The evidence level of the claim.' })
  level!: ScorePart;

  @Field(() => ScorePart, { description: 'The kind of its best source (its provenance tier).' })
  sourceKind!: ScorePart;

  @Field(() => ScorePart, { description: 'Patients behind it (log scale, full at 1,000), where known.' })
  sampleSize!: ScorePart;

  @Field(() => ScorePart, { description: 'How many sources state it: 1 − 0.5^k.' })
  agreement!: ScorePart;

  @Field(() => ScorePart, { description: 'How recent its newest source is.' })
  recency!: ScorePart;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'How strongly the evidence supports a claim, from 0 to 1, with every part inspectable (docs/EVIDENCE.md).',
})
export class EvidenceScore {
  @Field(() => Float, { description: 'The weighted mean of the known parts.' })
  value!: number;

  @Field(() => ScoreParts, { description: 'Each part, its weight and its input.' })
  parts!: ScoreParts;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Why the graph states a claim: its sources and the strength of the evidence.',
})
export class Evidence {
  @Field(() => ID, { description: 'Stable id of the claim (relationship), e.g. claim:ddd-contributes-to-lbp.' })
  claimId!: string;

  @Field(() => RelationshipType, { description: 'The relationship type of the claim.' })
  type!: string;

  @Field(() => EvidenceLevel, { description: 'Strength of the study design behind the claim.' })
  level!: string;

  @Field(() => KnowledgeLevel, {
    description: 'Biolink knowledge level: assertion, association, observation or prediction.',
  })
  knowledgeLevel!: string;

  @Field(() => AgentType, { description: 'Biolink agent type: who made the claim.' })
  agentType!: string;

  @Field(() => String, { nullable: true, description: 'Curator note qualifying the claim.' })
  note!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'For a claim an ingestion made: when its source record was retrieved (ISO 8601); null for curated claims.',
  })
  retrievedAt!: string | null;

  @Field(() => [ID], { description: 'Ids of the sources; `sources` resolves them.' })
  sourceIds!: string[];

  @Field(() => EvidenceScore, {
    nullable: true,
    description: 'The evidence score (0–1) and its parts; null only for a claim written before scores existed.',
  })
  score!: EvidenceScore | null;
}
