// The one validation of curation input: each argument is parsed once, at the resolver boundary,
// with the seed's zod schemas (so the API accepts exactly what a seed file may hold), and the
// services receive the parsed values. An invalid argument is a BAD_USER_INPUT whose message names
// each field and whose `extensions.validationErrors` lists { path, message } per problem: paths
// start at the argument (`input.sourceIds`; no prefix for the fields of an @Args class), and a
// problem of a list's item is reported on the list ("every item must …"). The wording is the
// API's own, not zod's: zod's messages are written for seed files, and clients already rely on
// these (test/curation/curation.test.ts pins them).
import path from 'node:path';
import { createParameterDecorator, type ValidatorFn } from 'type-graphql';
import { z } from 'zod';
import { BadUserInputError } from '../../common/errors';
import { CLAIM_SCHEMA, type ClaimRecord, type EntityRecord, entityRef, RECORD_SCHEMAS } from '../../seed/schema';
import { type SeedGraph, type SeedProblem, SeedValidationError, validateSeed } from '../../seed/validate';
import { projectRoot } from '../../paths';
import { ENTITY_ID_PATTERN, ID_PREFIX } from '../registry';
import { CLAIM_ID_PATTERN, CURIE_PATTERN, DOI_PATTERN, type Label, LOCAL_ID_PATTERN, NCT_PATTERN } from '../model';
import { type RelationshipDef } from '../relationships';
import { CLAIM_INPUT_NAMES, ENTITY_INPUT_NAMES, type FieldProblem, isIdOf, recordFromInput } from './records';

/** The slice of JSON Schema that z.toJSONSchema gives for a record's properties. */
export interface JsonProp {
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

interface JsonObject {
  properties: Record<string, JsonProp>;
  required?: string[];
}

export function jsonSchemaOf(schema: z.ZodType): JsonObject {
  return z.toJSONSchema(schema, { io: 'input' }) as unknown as JsonObject;
}

/** What a pattern means, in the words the seed validator uses. */
export const PATTERN_HINTS: Record<string, string> = {
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

const MAX_LISTED = 10;

/** A BAD_USER_INPUT naming every invalid field; nothing was written. */
export function invalidInput(problems: FieldProblem[]): BadUserInputError {
  const listed = problems
    .slice(0, MAX_LISTED)
    .map((p) => `${p.path} ${p.message}`)
    .join('; ');
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
  return new BadUserInputError(`Invalid input, nothing was written: ${listed}${more}.`, {
    validationErrors: problems,
  });
}

export function idProblem(label: Label, path: string): FieldProblem {
  return { path, message: `must be the id of a ${label} (${ID_PREFIX[label]}:lower-case-words)` };
}

/** The fields of a zod issue that its wording needs (zod's issue union, flattened). */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  format?: string;
  pattern?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** What a value must be to fix the issue, or undefined when the API has no words for it. */
function rule(issue: Issue, prop: JsonProp, raw: unknown): string | undefined {
  switch (issue.code) {
    case 'invalid_value':
      return prop.enum === undefined ? undefined : `be one of ${prop.enum.join(', ')}`;
    case 'invalid_type':
      return (
        {
          int: 'be a whole number',
          number: 'be a finite number',
          string: 'be text',
          boolean: 'be true or false',
        } as Record<string, string>
      )[issue.expected ?? ''];
    case 'invalid_format': {
      if (issue.format === 'url') {
        return 'be an http(s) URL';
      }
      if (issue.format !== 'regex' || issue.pattern === undefined) {
        return undefined;
      }
      const source = issue.pattern.slice(1, issue.pattern.lastIndexOf('/'));
      return `be ${PATTERN_HINTS[source] ?? `text matching ${source}`}`;
    }
    case 'too_small':
    case 'too_big':
      if (issue.origin === 'string') {
        // Text is trimmed before its length is checked: spaces alone are blank, not short.
        const blank = typeof raw === 'string' && raw.length > 0 && raw.trim() === '';
        return blank || prop.maxLength === undefined
          ? 'not be blank'
          : `be ${prop.minLength ?? 0} to ${prop.maxLength} characters`;
      }
      if (issue.origin === 'number') {
        return issue.code === 'too_small' ? `be at least ${issue.minimum}` : `be at most ${issue.maximum}`;
      }
      return undefined;
    default:
      return undefined;
  }
}

/** Issues of a list itself (as opposed to its items). */
function listRule(issue: Issue): string | undefined {
  if (issue.code === 'invalid_type' && issue.expected === 'array') {
    return 'be a list';
  }
  if (issue.code === 'too_small' && issue.origin === 'array') {
    const n = Number(issue.minimum);
    return `have at least ${n} item${n === 1 ? '' : 's'}`;
  }
  return undefined;
}

interface Target {
  /** The argument's name, prefixed to every path; none for the fields of an @Args class. */
  argument?: string;
  /** Record keys that the GraphQL argument names differently. */
  names?: Record<string, string>;
  props: Record<string, JsonProp>;
}

function problemsOf(error: z.ZodError, value: Record<string, unknown>, target: Target): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const issue of error.issues as Issue[]) {
    const [head, index, ...rest] = issue.path.map(String);
    const name = head === undefined ? undefined : (target.names?.[head] ?? head);
    const at = (...parts: Array<string | undefined>) =>
      [target.argument, ...parts].filter((p) => p !== undefined).join('.');
    const prop = head === undefined ? undefined : target.props[head];
    const raw = head === undefined ? undefined : value[head];
    let problem: FieldProblem | undefined;
    if (prop !== undefined && index === undefined) {
      const must = prop.type === 'array' ? listRule(issue) : rule(issue, prop, raw);
      problem = must === undefined ? undefined : { path: at(name), message: `must ${must}` };
    } else if (prop?.type === 'array' && rest.length === 0) {
      const must = rule(issue, prop.items ?? {}, Array.isArray(raw) ? raw[Number(index)] : undefined);
      problem = must === undefined ? undefined : { path: at(name), message: `every item must ${must}` };
    }
    problem ??= { path: at(name, index, ...rest), message: issue.message };
    if (!problems.some((p) => p.path === problem.path && p.message === problem.message)) {
      problems.push(problem);
    }
  }
  return problems;
}

function parseOrThrow<S extends z.ZodType>(schema: S, value: Record<string, unknown>, target: Target): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw invalidInput(problemsOf(parsed.error, value, target));
  }
  return parsed.data;
}

const withoutNulls = (value: object): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));

const positiveInt = z.number().int().min(1);
const POSITIVE_INT: JsonProp = { type: 'integer', minimum: 1 };

const entityProps = new Map<Label, JsonObject>();
function entityJson(label: Label): JsonObject {
  let json = entityProps.get(label);
  if (json === undefined) {
    json = jsonSchemaOf(RECORD_SCHEMAS[label]);
    entityProps.set(label, json);
  }
  return json;
}

/** A Create<Label>Input as the seed record it describes. */
export function parseCreate(label: Label, input: Record<string, unknown>): EntityRecord {
  return parseOrThrow(RECORD_SCHEMAS[label], recordFromInput(input), {
    argument: 'input',
    names: ENTITY_INPUT_NAMES,
    props: entityJson(label).properties,
  }) as EntityRecord;
}

/** An update: the record fields to set (null removes one), checked one by one against the seed schema. */
export interface EntityPatch {
  id: string;
  expectedVersion: number;
  /** Record keys (`sources`, not `sourceIds`); null removes the field. */
  changes: Record<string, unknown>;
}

/**
 * Every field given is valid on its own, and none that a record needs is removed, so the current
 * record with the changes applied is valid too: a record schema checks fields one by one (an
 * entity definition declares fields only, src/graph/entity/define.ts).
 */
export function parseUpdate(label: Label, input: Record<string, unknown>): EntityPatch {
  const json = entityJson(label);
  const required = new Set(json.required ?? []);
  const removed: string[] = [];
  const problems: FieldProblem[] = [];
  for (const [key, value] of Object.entries(input)) {
    const field = key === 'sourceIds' ? 'sources' : key;
    if (value === null && key !== 'expectedVersion') {
      if (required.has(field)) {
        problems.push({ path: `input.${key}`, message: 'is required and cannot be removed (null)' });
      } else {
        removed.push(field);
      }
    }
  }
  const { expectedVersion, ...fields } = withoutNulls(input);
  const schema = RECORD_SCHEMAS[label].partial().extend({ expectedVersion: positiveInt });
  const target = {
    argument: 'input',
    names: ENTITY_INPUT_NAMES,
    props: { ...json.properties, expectedVersion: POSITIVE_INT },
  };
  const value = { ...recordFromInput(fields), expectedVersion };
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    problems.push(...problemsOf(parsed.error, value, target));
  }
  if (problems.length > 0 || !parsed.success) {
    throw invalidInput(problems);
  }
  const { expectedVersion: version, ...set } = parsed.data as Record<string, unknown>;
  return {
    id: String(set.id),
    expectedVersion: Number(version),
    changes: { ...set, ...Object.fromEntries(removed.map((field) => [field, null])) },
  };
}

const claimJson = jsonSchemaOf(CLAIM_SCHEMA);
const CLAIM_TARGET: Target = { argument: 'input', names: CLAIM_INPUT_NAMES, props: claimJson.properties };

export interface LinkRequest {
  /** The id asked for; without it the service chooses one. */
  id?: string;
  /** The claim; without an id asked for, its id is a well-formed stand-in. */
  record: ClaimRecord;
}

/** A LinkInput as the claim it describes; its ends must fit the relationship. */
export function parseLink(def: RelationshipDef, input: Record<string, unknown>): LinkRequest {
  const given = withoutNulls(input);
  const record = parseOrThrow(
    CLAIM_SCHEMA,
    {
      // The generated id is chosen in the transaction; a well-formed stand-in validates the rest now.
      id: given.id ?? 'claim:new',
      type: def.type,
      subject: given.subjectId,
      object: given.objectId,
      level: given.level,
      knowledgeLevel: given.knowledgeLevel,
      agentType: given.agentType,
      sources: given.sourceIds,
      ...(given.note === undefined ? {} : { note: given.note }),
    },
    CLAIM_TARGET,
  );
  const problems = [
    ...(isIdOf(def.from, record.subject) ? [] : [idProblem(def.from, 'input.subjectId')]),
    ...(isIdOf(def.to, record.object) ? [] : [idProblem(def.to, 'input.objectId')]),
  ];
  if (problems.length > 0) {
    throw invalidInput(problems);
  }
  return { id: given.id as string | undefined, record };
}

export type UnlinkRequest = { claimId: string } | { subjectId: string; objectId: string };

const UNLINK_SCHEMA = z.strictObject({
  claimId: CLAIM_SCHEMA.shape.id.optional(),
  subjectId: entityRef.optional(),
  objectId: entityRef.optional(),
});
const UNLINK_TARGET: Target = {
  argument: 'input',
  props: jsonSchemaOf(UNLINK_SCHEMA).properties,
};

/** An UnlinkInput: a claim id, or both ends (which must fit the relationship). */
export function parseUnlink(def: RelationshipDef, input: Record<string, unknown>): UnlinkRequest {
  const { claimId, subjectId, objectId } = parseOrThrow(UNLINK_SCHEMA, withoutNulls(input), UNLINK_TARGET);
  const byEnds = subjectId !== undefined || objectId !== undefined;
  if ((claimId === undefined) === !byEnds || (byEnds && (subjectId === undefined || objectId === undefined))) {
    throw invalidInput([{ path: 'input', message: 'must give either claimId, or both subjectId and objectId' }]);
  }
  if (claimId !== undefined) {
    return { claimId };
  }
  const problems = [
    ...(isIdOf(def.from, subjectId!) ? [] : [idProblem(def.from, 'input.subjectId')]),
    ...(isIdOf(def.to, objectId!) ? [] : [idProblem(def.to, 'input.objectId')]),
  ];
  if (problems.length > 0) {
    throw invalidInput(problems);
  }
  return { subjectId: subjectId!, objectId: objectId! };
}

const DELETE_SCHEMA = z.strictObject({
  id: entityRef,
  expectedVersion: positiveInt.optional(),
  cascade: z.boolean(),
});
const DELETE_TARGET: Target = { props: jsonSchemaOf(DELETE_SCHEMA).properties };

/** DeleteArgs: an entity id of the mutation's label. The arguments pass on as they are. */
export function deleteArgsValidator(label: Label): ValidatorFn {
  return (args: object) => {
    const { id } = parseOrThrow(DELETE_SCHEMA, withoutNulls(args), DELETE_TARGET);
    if (!isIdOf(label, id)) {
      throw invalidInput([idProblem(label, 'id')]);
    }
  };
}

const AUDIT_LOG_SCHEMA = z.strictObject({
  entityId: z.string().min(1).max(300),
  first: z.number().int().min(0).optional(),
  after: z.string().optional(),
});
const AUDIT_LOG_TARGET: Target = { props: jsonSchemaOf(AUDIT_LOG_SCHEMA).properties };

/** AuditLogArgs; they pass on as they are. */
export const auditLogArgsValidator: ValidatorFn = (args: object) => {
  parseOrThrow(AUDIT_LOG_SCHEMA, withoutNulls(args), AUDIT_LOG_TARGET);
};

/** Seed documents as the graph they describe: the checks of `npm run seed`, every problem at once. */
export function parseDocuments(documents: Array<{ kind: string; records: unknown[] }>): SeedGraph {
  try {
    // Named as files under the project root, so problems read "documents[2]", as seed files read "seed/x.yaml".
    return validateSeed(
      documents.map((d, i) => ({
        file: path.join(projectRoot, `documents[${i}]`),
        data: { kind: d.kind, records: d.records },
      })),
    );
  } catch (error) {
    if (error instanceof SeedValidationError) {
      throw importRefused(error.problems);
    }
    throw error;
  }
}

export function importRefused(problems: SeedProblem[]): BadUserInputError {
  const first = problems
    .slice(0, 3)
    .map((p) => `${p.file}: record ${p.record}: field ${p.field}: ${p.message}`)
    .join('; ');
  return new BadUserInputError(
    `The import is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written. ${first}${problems.length > 3 ? '; …' : ''} (all in extensions.problems).`,
    { problems },
  );
}

type ArgDeclaration = NonNullable<NonNullable<Parameters<typeof createParameterDecorator>[1]>['arg']>;

/**
 * Declares a GraphQL argument as @Arg does (same name, type and options, so the same schema) and
 * hands the resolver the argument parsed by `parse` instead of the raw value. type-graphql's
 * validateFn cannot do this: its result is discarded, and a zod parse also trims and reshapes.
 */
export function ParsedArg<T>(
  name: string,
  typeFunc: ArgDeclaration['typeFunc'],
  parse: (value: never) => T,
  options: ArgDeclaration['options'] = {},
): ReturnType<typeof createParameterDecorator> {
  return createParameterDecorator(({ args }) => parse((args as Record<string, never>)[name]), {
    arg: { name, typeFunc, options },
  });
}
