// Each kind's record schema (its definition) and its GraphQL type are written side by side in its
// folder; this ties them together: every record field is a field of the type, of the same shape,
// and every plain field of the type is in the record or is one the server derives.
import { PROVENANCE_FIELD_NAMES } from '../../src/graph/entity/define';
import {
  getNamedType,
  getNullableType,
  type GraphQLField,
  GraphQLEnumType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { z } from 'zod';
import { ENTITIES } from '../../src/graph/entities';
import { buildAppSchema } from '../../src/schema';

/** Record fields the API shows in another form: sources as Source objects, xrefs in crossReferences. */
/**
 * Record fields the API shows in another form: sources and cross-references as objects, what an
 * ingestion stated in `provenance`, and a trial's registered outcomes (JSON texts) as objects.
 */
const SHOWN_OTHERWISE = new Set(['sources', 'xrefs', ...PROVENANCE_FIELD_NAMES, 'registeredOutcomes']);

/** Fields every entity type has that no record holds: metadata and derived values. */
const DERIVED = new Set(['id', 'version', 'createdAt', 'updatedAt', 'updatedBy', 'crossReferences', 'title']);

function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let inner = schema;
  let optional = false;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) {
    optional = true;
    inner = inner.unwrap() as z.ZodType;
  }
  return { inner, optional };
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await buildAppSchema();
});

describe.each(ENTITIES.map((entity) => [entity.label, entity] as const))('the %s definition', (label, entity) => {
  const fieldsOf = () => (schema.getType(label) as GraphQLObjectType).getFields();

  it('has every record field on its GraphQL type, with the same shape', () => {
    const fields = fieldsOf();
    for (const [name, zodType] of Object.entries(entity.record.shape as Record<string, z.ZodType>)) {
      if (SHOWN_OTHERWISE.has(name)) {
        continue;
      }
      const field: GraphQLField<unknown, unknown> | undefined = fields[name];
      expect([name, field === undefined ? 'missing' : 'present']).toEqual([name, 'present']);
      const { inner, optional } = unwrap(zodType);
      const isList = inner instanceof z.ZodArray;
      expect([name, isListType(getNullableType(field!.type))]).toEqual([name, isList]);
      if (!isList) {
        // A value the record may leave out is nullable in the API, and only such a value.
        expect([name, isNonNullType(field!.type)]).toEqual([name, !optional]);
      }
      const element = isList ? unwrap((inner as z.ZodArray<z.ZodType>).element).inner : inner;
      const named = getNamedType(field!.type);
      if (element instanceof z.ZodEnum) {
        expect(named).toBeInstanceOf(GraphQLEnumType);
        expect([name, (named as GraphQLEnumType).getValues().map((v) => v.name)]).toEqual([name, element.options]);
      } else {
        expect([name, isScalarType(named)]).toEqual([name, true]);
      }
    }
  });

  it('has no plain field that is neither in the record nor derived', () => {
    const recordFields = new Set(Object.keys(entity.record.shape));
    const plain = Object.values(fieldsOf())
      .filter((field) => field.args.length === 0)
      .filter((field) => isScalarType(getNamedType(field.type)) || getNamedType(field.type) instanceof GraphQLEnumType)
      .map((field) => field.name);
    expect(
      plain.filter((name) => !recordFields.has(name) && !DERIVED.has(name) && name !== 'url' && name !== 'citation'),
    ).toEqual([]);
  });
});
