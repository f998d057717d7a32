// Which fields a client selected under the current field (through fragments too), so a resolver
// that computes several costly parts in one query can compute only the asked-for ones.
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** The field nodes directly in `sets`, looking through inline fragments and fragment spreads. */
function fieldsIn(info: GraphQLResolveInfo, sets: ReadonlyArray<SelectionSetNode | undefined>): FieldNode[] {
  const fields: FieldNode[] = [];
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        fields.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  sets.forEach(visit);
  return fields;
}

const ownSets = (info: GraphQLResolveInfo) => info.fieldNodes.map((node) => node.selectionSet);

/** The names of the fields selected directly under the current field. */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  return new Set(fieldsIn(info, ownSets(info)).map((field) => field.name.value));
}

/** Whether the client selected the chain of fields `path` under the current field, e.g. edges.node.sources. */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let sets = ownSets(info);
  for (const name of path) {
    const matches = fieldsIn(info, sets).filter((field) => field.name.value === name);
    if (matches.length === 0) {
      return false;
    }
    sets = matches.map((field) => field.selectionSet);
  }
  return true;
}
