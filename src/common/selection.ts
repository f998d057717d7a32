// Which fields a client selected directly under the current field (through fragments too), so a
// resolver that computes several costly parts in one query can compute only the asked-for ones.
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const names = new Set<string>();
  const visit = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        names.add(selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) {
    visit(node.selectionSet);
  }
  return names;
}

/** Whether the client selected the chain of fields `path` under the current field, e.g. edges.node.sources. */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  const walk = (sets: Array<SelectionSetNode | undefined>, depth: number): boolean => {
    if (depth === path.length) {
      return true;
    }
    const next: Array<SelectionSetNode | undefined> = [];
    const collect = (set: SelectionSetNode | undefined) => {
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (selection.name.value === path[depth]) {
            next.push(selection.selectionSet);
          }
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          collect(selection.selectionSet);
        } else {
          collect(info.fragments[selection.name.value]?.selectionSet);
        }
      }
    };
    sets.forEach(collect);
    return next.length > 0 && walk(next, depth + 1);
  };
  return walk(
    (info.fieldNodes as readonly FieldNode[]).map((node) => node.selectionSet),
    0,
  );
}
