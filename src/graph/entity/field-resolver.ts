// The one place that declares type-graphql field resolvers on classes made at run time (one per
// relationship field of the catalogue). type-graphql reads a method's parameter and return types
// from TypeScript's emitted `design:*` metadata, which a method written at run time does not have;
// this module supplies it. test/unit/field-resolver.test.ts fails if type-graphql stops accepting it.
import type { GraphQLResolveInfo } from 'graphql';
import { Args, type ClassType, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';

export interface FieldResolverSpec<Parent, Args, Context, Result> {
  /** The object type the field is on. */
  owner: ClassType;
  /** The field's name; also the method's, which is how type-graphql matches them. */
  field: string;
  /** An @ArgsType class. */
  args: ClassType;
  /** The field's GraphQL type. */
  returns: ClassType;
  description: string;
  /** Called as graphql-js calls a field resolver. */
  resolve: (parent: Parent, args: Args, context: Context, info: GraphQLResolveInfo) => Result;
}

/** A resolver class with one field resolver, as `@Resolver(() => owner)` with a `@FieldResolver` method. */
export function fieldResolverClass<Parent, A, C, R>(spec: FieldResolverSpec<Parent, A, C, R>): ClassType {
  const ResolverClass = class {};
  Object.defineProperty(ResolverClass, 'name', { value: `${spec.owner.name}${spec.field}FieldResolver` });
  const proto = ResolverClass.prototype as Record<string, unknown>;
  proto[spec.field] = spec.resolve;
  Reflect.defineMetadata('design:paramtypes', [Object, Object, Object, Object], proto, spec.field);
  Reflect.defineMetadata('design:returntype', Object, proto, spec.field);
  Root()(proto, spec.field, 0);
  Args(() => spec.args)(proto, spec.field, 1);
  Ctx()(proto, spec.field, 2);
  Info()(proto, spec.field, 3);
  FieldResolver(() => spec.returns, { description: spec.description })(
    proto,
    spec.field,
    Object.getOwnPropertyDescriptor(proto, spec.field)!,
  );
  Resolver(() => spec.owner)(ResolverClass);
  return ResolverClass;
}
