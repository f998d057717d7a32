// Apollo Sandbox is self-documenting: every type, field, argument and enum value is described.
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { buildAppSchema } from '../../src/schema';

describe('schema descriptions', () => {
  it('describe every type, field, argument and enum value', async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) {
        continue;
      }
      if (!type.description) {
        missing.push(type.name);
      }
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) {
            missing.push(`${type.name}.${field.name}`);
          }
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description) {
              missing.push(`${type.name}.${field.name}(${arg.name})`);
            }
          }
          getNamedType(field.type);
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) {
          if (!value.description) {
            missing.push(`${type.name}.${value.name}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
