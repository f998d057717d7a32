// GraphQL inputs of the curation mutations. Create<Label>Input and Update<Label>Input are generated
// from the seed's zod schemas (through their JSON Schema: types, lengths, ranges, enums, patterns,
// URLs, required fields), so the API accepts exactly what a seed file may hold; each rule becomes a
// class-validator decorator whose error names the field. Descriptions come from the entity's output
// type. The service then parses the whole record with the same zod schema before writing.
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { ArgsType, type ClassType, Field, Float, getMetadataStorage, ID, InputType, Int } from 'type-graphql';
import { z } from 'zod';
import { CLAIM_SCHEMA, RECORD_SCHEMAS } from '../../seed/schema';
import { ENTITY_DEFINITIONS, ENTITY_ID_PATTERN, ID_PREFIX, LABELS } from '../registry';
import * as E from '../enums';
import {
  AGENT_TYPES,
  CLAIM_ID_PATTERN,
  CURIE_PATTERN,
  DOI_PATTERN,
  EVIDENCE_LEVELS,
  KNOWLEDGE_LEVELS,
  type Label,
  LOCAL_ID_PATTERN,
  NCT_PATTERN,
} from '../model';

/** The slice of JSON Schema that z.toJSONSchema gives for a seed record's properties. */
interface JsonProp {
  type?: 'string' | 'integer' | 'number' | 'array' | 'boolean';
  enum?: string[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  items?: JsonProp;
}

/** What a pattern means, in the words the seed validator uses. */
const PATTERN_HINTS: Record<string, string> = {
  [CURIE_PATTERN.source]: 'a CURIE such as MONDO:0011385',
  [NCT_PATTERN.source]: 'an NCT number such as NCT01290367',
  [DOI_PATTERN.source]: 'a DOI such as 10.1016/j.spinee.2020.10.004',
  [ENTITY_ID_PATTERN.source]: 'the id of an entity, such as condition:low-back-pain',
  [CLAIM_ID_PATTERN.source]: 'claim:lower-case-words',
  '^\\d{1,9}$': 'a PubMed id (digits only)',
  '^PMC\\d+$': 'a PubMed Central id such as PMC5610473',
  ...Object.fromEntries(
    Object.values(ID_PREFIX).map((prefix) => [`^${prefix}:${LOCAL_ID_PATTERN}$`, `${prefix}:lower-case-words`]),
  ),
};

type Decorator = (target: object, property: string) => void;

/** class-validator decorators for one value (or, with `each`, every item of a list). */
function valueRules(p: JsonProp, each: boolean): Decorator[] {
  const must = (what: string) => ({ each, message: `${each ? 'every item must' : 'must'} ${what}` });
  const rules: Decorator[] = [];
  if (p.enum !== undefined) {
    rules.push(IsIn(p.enum, must(`be one of ${p.enum.join(', ')}`)));
  } else if (p.type === 'string') {
    rules.push(IsString(must('be text')));
    if (p.maxLength !== undefined) {
      rules.push(Length(p.minLength ?? 0, p.maxLength, must(`be ${p.minLength ?? 0} to ${p.maxLength} characters`)));
    }
    if ((p.minLength ?? 0) > 0) {
      rules.push(Matches(/\S/, must('not be blank')));
    }
    if (p.pattern !== undefined) {
      rules.push(
        Matches(new RegExp(p.pattern), must(`be ${PATTERN_HINTS[p.pattern] ?? `text matching ${p.pattern}`}`)),
      );
    }
    if (p.format === 'uri') {
      rules.push(
        IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, must('be an http(s) URL')),
      );
    }
  } else if (p.type === 'integer' || p.type === 'number') {
    rules.push(
      p.type === 'integer'
        ? IsInt(must('be a whole number'))
        : IsNumber({ allowNaN: false, allowInfinity: false }, must('be a finite number')),
    );
    if (p.minimum !== undefined) {
      rules.push(Min(p.minimum, must(`be at least ${p.minimum}`)));
    }
    if (p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER) {
      rules.push(Max(p.maximum, must(`be at most ${p.maximum}`)));
    }
  }
  return rules;
}

function propertyRules(p: JsonProp): Decorator[] {
  if (p.type !== 'array') {
    return valueRules(p, false);
  }
  const rules: Decorator[] = [IsArray({ message: 'must be a list' })];
  if ((p.minItems ?? 0) > 0) {
    rules.push(
      ArrayMinSize(p.minItems!, { message: `must have at least ${p.minItems} item${p.minItems === 1 ? '' : 's'}` }),
    );
  }
  return [...rules, ...valueRules(p.items ?? {}, true)];
}

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
  const schema = z.toJSONSchema(RECORD_SCHEMAS[label], { io: 'input' }) as {
    properties: Record<string, JsonProp>;
    required: string[];
  };
  const required = new Set(schema.required);
  const fields = Object.entries(schema.properties).filter(([name]) => name !== 'id');

  const Create = named(class {}, `Create${label}Input`);
  InputType(`Create${label}Input`, {
    description: `A new ${label}. The rules are those of seed files (its definition in src/graph/).`,
  })(Create);
  const idRules = propertyRules(schema.properties.id);
  Field(() => ID, { description: `Id of the new ${label}: ${ID_PREFIX[label]}:lower-case-words, not yet in use.` })(
    Create.prototype,
    'id',
  );
  idRules.forEach((rule) => rule(Create.prototype, 'id'));

  const Update = named(class {}, `Update${label}Input`);
  InputType(`Update${label}Input`, {
    description: `Changes to a ${label}: a field left out keeps its value; an optional field set to null is removed.`,
  })(Update);
  Field(() => ID, { description: `Id of the ${label} to change.` })(Update.prototype, 'id');
  idRules.forEach((rule) => rule(Update.prototype, 'id'));
  Field(() => Int, {
    description: `The version you read. If the ${label} has changed since, nothing is written and the answer is CONFLICT.`,
  })(Update.prototype, 'expectedVersion');
  IsInt({ message: 'must be a whole number' })(Update.prototype, 'expectedVersion');
  Min(1, { message: 'must be at least 1' })(Update.prototype, 'expectedVersion');

  for (const [record, p] of fields) {
    const field = record === 'sources' ? 'sourceIds' : record;
    const type = graphqlType(record, p);
    const description = describe(label, record, p);
    const rules = propertyRules(p);

    Field(type as never, { nullable: !required.has(record), description })(Create.prototype, field);
    if (!required.has(record)) {
      IsOptional()(Create.prototype, field);
    }
    rules.forEach((rule) => rule(Create.prototype, field));

    Field(type as never, { nullable: true, description })(Update.prototype, field);
    if (required.has(record)) {
      // Left out is fine; null would remove a field the record needs.
      ValidateIf((o: Record<string, unknown>) => o[field] !== undefined)(Update.prototype, field);
      IsDefined({ message: 'is required and cannot be removed (null)' })(Update.prototype, field);
    } else {
      IsOptional()(Update.prototype, field);
    }
    rules.forEach((rule) => rule(Update.prototype, field));
  }
  return { create: Create, update: Update };
}

export const ENTITY_INPUTS = Object.fromEntries(LABELS.map((label) => [label, createEntityInputs(label)])) as Record<
  Label,
  EntityInputs
>;

const claimSchema = z.toJSONSchema(CLAIM_SCHEMA, { io: 'input' }) as { properties: Record<string, JsonProp> };
const claimRule = (field: string) => propertyRules(claimSchema.properties[field]);
const apply = (rules: Decorator[]) => (target: object, property: string) => rules.forEach((r) => r(target, property));

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
  @IsOptional()
  @apply(claimRule('id'))
  id?: string | null;

  @Field(() => ID, { description: 'Id of the entity the claim starts from (its subject).' })
  @apply(claimRule('subject'))
  subjectId!: string;

  @Field(() => ID, { description: 'Id of the entity the claim points to (its object).' })
  @apply(claimRule('object'))
  objectId!: string;

  @Field(() => [ID], { description: 'Ids of the Sources that state the claim: at least one, each an existing Source.' })
  @apply(claimRule('sources'))
  sourceIds!: string[];

  @Field(() => E.EvidenceLevel, { description: 'Strength of the study design behind the claim.' })
  @IsIn([...EVIDENCE_LEVELS], { message: `must be one of ${EVIDENCE_LEVELS.join(', ')}` })
  level!: string;

  @Field(() => E.KnowledgeLevel, {
    description: 'Biolink knowledge level: assertion, association, observation or prediction.',
  })
  @IsIn([...KNOWLEDGE_LEVELS], { message: `must be one of ${KNOWLEDGE_LEVELS.join(', ')}` })
  knowledgeLevel!: string;

  @Field(() => E.AgentType, { defaultValue: 'MANUAL_AGENT', description: 'Biolink agent type: who made the claim.' })
  @IsIn([...AGENT_TYPES], { message: `must be one of ${AGENT_TYPES.join(', ')}` })
  agentType!: string;

  @Field(() => String, { nullable: true, description: 'Curator note qualifying the claim (1 to 1000 characters).' })
  @IsOptional()
  @apply(claimRule('note'))
  note?: string | null;
}

@InputType({
  description: 'Which claim to remove: its id, or its two ends (which must then be joined by exactly one such claim).',
})
export class UnlinkInput {
  @Field(() => ID, { nullable: true, description: 'Id of the claim.' })
  @IsOptional()
  @apply(claimRule('id'))
  claimId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the entity the claim starts from; give objectId too.' })
  @IsOptional()
  @apply(claimRule('subject'))
  subjectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Id of the entity the claim points to; give subjectId too.' })
  @IsOptional()
  @apply(claimRule('object'))
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
  @IsString({ message: 'must be text' })
  kind!: string;

  @Field(() => [GraphQLJSONObject], { description: 'The records, each an object as in a seed file.' })
  @IsArray({ message: 'must be a list' })
  records!: Record<string, unknown>[];
}

@ArgsType()
export class DeleteArgs {
  @Field(() => ID, { description: 'Id of the entity to delete.' })
  @IsString({ message: 'must be an id' })
  @Matches(ENTITY_ID_PATTERN, { message: 'must be the id of an entity, such as condition:low-back-pain' })
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description:
      'The version you read; if the entity has changed since, nothing is deleted and the answer is CONFLICT.',
  })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(1, { message: 'must be at least 1' })
  expectedVersion?: number | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      'Also delete every claim that joins the entity, and (for a Source) remove it from what cites it. Without it, an entity that claims or citations still need is not deleted (CONFLICT).',
  })
  @IsBoolean({ message: 'must be true or false' })
  cascade!: boolean;
}

@ArgsType()
export class AuditLogArgs {
  @Field(() => ID, { description: 'Id of an entity or a claim; an entity also lists the claims that joined it.' })
  @IsString({ message: 'must be an id' })
  @Length(1, 300, { message: 'must be 1 to 300 characters' })
  entityId!: string;

  @Field(() => Int, { nullable: true, description: 'At most this many entries (default 20, at most MAX_PAGE_SIZE).' })
  @IsOptional()
  @IsInt({ message: 'must be a whole number' })
  @Min(0, { message: 'must be at least 0' })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Continue after this cursor (an edge cursor from a previous page).',
  })
  @IsOptional()
  @IsString({ message: 'must be a cursor' })
  after?: string | null;
}
