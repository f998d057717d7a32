// src/graph/entity/field-resolver.ts supplies type-graphql with the metadata that a method written
// at run time lacks. If a type-graphql upgrade changes what it reads, this test fails first.
import { graphql } from 'graphql';
import { ArgsType, buildSchema, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { fieldResolverClass } from '../../src/graph/entity/field-resolver';

@ObjectType()
class Shelf {
  @Field(() => String)
  name!: string;
}

@ArgsType()
class CountArgs {
  @Field(() => Int, { nullable: true })
  times?: number | null;
}

@ObjectType()
class Count {
  @Field(() => Int)
  value!: number;
}

@Resolver()
class ShelfQuery {
  @Query(() => Shelf)
  shelf(): Shelf {
    return { name: 'top' };
  }
}

describe('fieldResolverClass', () => {
  it('declares a field resolver that type-graphql wires with its arguments, context and info', async () => {
    const seen: unknown[] = [];
    const BooksResolver = fieldResolverClass({
      owner: Shelf,
      field: 'books',
      args: CountArgs,
      returns: Count,
      description: 'How many books, times a factor.',
      resolve: (parent: Shelf, args: CountArgs, context: { factor: number }, info) => {
        seen.push(info.fieldName, info.parentType.name);
        return { value: parent.name.length * (args.times ?? 1) * context.factor };
      },
    });
    const schema = await buildSchema({ resolvers: [ShelfQuery, BooksResolver], validate: false });
    const field = schema.getType('Shelf') as unknown as { getFields(): Record<string, { description?: string }> };
    expect(field.getFields().books.description).toBe('How many books, times a factor.');
    const result = await graphql({
      schema,
      source: '{ shelf { name books(times: 2) { value } } }',
      contextValue: { factor: 10 },
    });
    expect(result).toEqual({ data: { shelf: { name: 'top', books: { value: 60 } } } });
    expect(seen).toEqual(['books', 'Shelf']);
  });
});
