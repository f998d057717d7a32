// GraphQL inputs of the curation mutations. Create<Label>Input and Update<Label>Input are generated
// from the seed's zod schemas (through their JSON Schema: types, nullability, enums, and the limits
// their descriptions state), so the API offers exactly the fields a seed record may hold. They
// carry no rules: each argument is parsed once with the zod schema itself, at the resolver
// boundary (curation.validation.ts). Descriptions come from the entity's output type.
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, type ClassType, Field, Float, getMetadataStorage, ID, InputType, Int } from 'type-graphql';
import { RECORD_SCHEMAS } from '../../seed/schema';
import { PROVENANCE_FIELD_NAMES } from '../entity/define';
import { ENTITY_DEFINITIONS, ID_PREFIX, LABELS } from '../registry';
import * as E from '../enums';
import { type Label } from '../model';
import { type JsonProp, jsonSchemaOf, PATTERN_HINTS } from './curation.validation';

/** The registered GraphQL enum with exactly these values. */
function enumOf(values: readonly string[]): object {
  const key = [...values].sort().join(',');
  const found = Object.values(E).filter((e) => Object.keys(e).sort().join(',') === key);
  if (found.length !== 1) {
    throw new Error(`no single GraphQL enum has the values ${key}`);
  }
  return found[0];
}

function graphqlType(field: string, p: JsonProp): () => unknown {
  if (field === 'sources') {
    return () => [ID];
  }
  const scalar = (q: JsonProp): unknown => {
    if (q.enum !== undefined) {
      return enumOf(q.enum);
    }
    return q.type === 'integer' ? Int : q.type === 'number' ? Float : String;
  };
  const type = p.type === 'array' ? [scalar(p.items ?? {})] : scalar(p);
  return () => type;
}

/** The output field's description, found on the entity class or the classes it extends. */
function outputDescription(type: ClassType, field: string): string | undefined {
  const fields = getMetadataStorage().fields;
  for (
    let cls: unknown = type;
    typeof cls === 'function' && cls !== Function.prototype;
    cls = Object.getPrototypeOf(cls)
  ) {
    const found = fields.find((f) => f.target === cls && f.name === field);
    if (found?.description !== undefined) {
      return found.description;
    }
  }
  return undefined;
}

const INPUT_DESCRIPTIONS: Record<string, string> = {
  sources: 'Ids of the Sources that describe it: at least one, each an existing Source.',
  xrefs: 'Other CURIEs that name exactly this, e.g. MESH:D055959.',
};

function describe(label: Label, field: string, p: JsonProp): string {
  const base = INPUT_DESCRIPTIONS[field] ?? outputDescription(ENTITY_DEFINITIONS[label].type, field) ?? `The ${field}.`;
  const item = p.type === 'array' ? (p.items ?? {}) : p;
  const limits: string[] = [];
  if (item.maxLength !== undefined) {
    limits.push(`${item.minLength ?? 0} to ${item.maxLength} characters`);
  }
  if (item.pattern !== undefined && PATTERN_HINTS[item.pattern] !== undefined) {
    limits.push(PATTERN_HINTS[item.pattern]);
  }
  if (item.minimum !== undefined || (item.maximum !== undefined && item.maximum < Number.MAX_SAFE_INTEGER)) {
    const max = item.maximum !== undefined && item.maximum < Number.MAX_SAFE_INTEGER ? item.maximum : undefined;
    limits.push(max === undefined ? `at least ${item.minimum}` : `${item.minimum ?? 'up'} to ${max}`);
  }
  if (item.format === 'uri') {
    limits.push('an http(s) URL');
  }
  if (limits.length === 0) {
    return base;
  }
  const rule = `${p.type === 'array' ? 'each ' : ''}${limits.join('; ')}`;
  return `${base} ${rule.charAt(0).toUpperCase()}${rule.slice(1)}.`;
}

function named<T extends ClassType>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

export interface EntityInputs {
  create: ClassType;
  update: ClassType;
}

function createEntityInputs(label: Label): EntityInputs {
  const schema = jsonSchemaOf(RECORD_SCHEMAS[label]);
  const required = new Set(schema.required);
  const fields = Object.entries(schema.properties).filter(
    ([name]) => name !== 'id' && !PROVENANCE_FIELD_NAMES.includes(name),
  );

  const Create = named(class {}, `Create${label}Input`);
  InputType(`Create${label}Input`, {
    description: `A new ${label}. The rules are those of seed files (its definition in src/graph/).`,
  })(Create);
  Field(() => ID, { description: `Id of the new ${label}: ${ID_PREFIX[label]}:lower-case-words, not yet in use.` })(
    Create.prototype,
    'id',
  );

  const Update = named(class {}, `Update${label}Input`);
  InputType(`Update${label}Input`, {
    description: `Changes to a ${label}: a field left out keeps its value; an optional field set to null is removed.`,
  })(Update);
  Field(() => ID, { description: `Id of the ${label} to change.` })(Update.prototype, 'id');
  Field(() => Int, {
    description: `The version you read. If the ${label} has changed since, nothing is written and the answer is CONFLICT.`,
  })(Update.prototype, 'expectedVersion');

  for (const [record, p] of fields) {
    const field = record === 'sources' ? 'sourceIds' : record;
    const type = graphqlType(record, p);
    const description = describe(label, record, p);

    Field(type as never, { nullable: !required.has(record), description })(Create.prototype, field);

    // Nullable even when the record needs the field: left out keeps it, and null (refused for a
    // required field by parseUpdate) removes an optional one.
    Field(type as never, { nullable: true, description })(Update.prototype, field);
  }
  return { create: Create, update: Update };
}

export const ENTITY_INPUTS = Object.fromEntries(LABELS.map((label) => [label, createEntityInputs(label)])) as Record<
  Label,
  EntityInputs
>;

@InputType({
  description:
    'A new claim: the two entities it joins, its sources and its evidence. The relationship type and the labels of both ends are those of the mutation.',
})
export class LinkInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'Id of the new claim (claim:lower-case-words, not yet in use). Left out: claim:<subject>-<type>-<object>, numbered if taken.',
  })
  id?: string | null;

  @Field(() => ID, { description: 'Id of the entity the claim starts from (its subject).' })
  subjectId!: string;

  @Field(() => ID, { description: 'Id of the entity the claim points to (its object).' })
  objectId!: string;

  @Field(() => [ID], { description: 'Ids of the Sources that state the claim: at least one, each an existing Source.' })
  sourceIds!: string[];

  @Field(() => E.EvidenceLevel, { description: 'Strength of the study design behind the claim.' })
  level!: string;

  @Field(() => E.KnowledgeLevel, {
    description: 'Biolink knowledge level: assertion, association, observation or prediction.',
  })
  knowledgeLevel!: string;

  @Field(() => E.AgentType, { defaultValue: 'MANUAL_AGENT', description: 'Biolink agent type: who made the claim.' })
  agentType!: string;

  @Field(() => String, { nullable: true, description: 'Curator note qualifying the claim (1 to 1000 characters).' })
  note?: string | null;
}

@InputType({
  description: 'Which claim to remove: its id, or its two ends (which must then be joined by exactly one such claim).',
})
export class UnlinkInput {
  @Field(() => ID, { nullable: true, description: 'Id of the claim.' })
  claimId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the entity the claim starts from; give objectId too.' })
  subjectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the entity the claim points to; give subjectId too.' })
  objectId?: string | null;
}

@InputType({
  description:
    'One seed document, as in seed/*.yaml: a kind (an entity label, or Claim) and its records. `npm run export -- --format seed` writes them.',
})
export class SeedDocumentInput {
  @Field(() => String, {
    description: `The kind of every record: ${[...LABELS, 'Claim'].join(', ')}.`,
  })
  kind!: string;

  @Field(() => [GraphQLJSONObject], { description: 'The records, each an object as in a seed file.' })
  records!: Record<string, unknown>[];
}

@ArgsType()
export class DeleteArgs {
  @Field(() => ID, { description: 'Id of the entity to delete.' })
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version you read; if the entity has changed since, nothing is deleted and the answer is CONFLICT.',
  })
  expectedVersion?: number | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Also delete every claim that joins the entity, and (for a Source) remove it from what cites it. Without it, an entity that claims or citations still need is not deleted (CONFLICT).',
  })
  cascade!: boolean;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => ID, { description: 'Id of an entity or a claim; an entity also lists the claims that joined it.' })
  entityId!: string;

  @Field(() => Int, { nullable: true, description: 'At most this many entries (default 20, at most MAX_PAGE_SIZE).' })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Continue after this cursor (an edge cursor from a previous page).',
  })
  after?: string | null;
}
