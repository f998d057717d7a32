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

/** The field sets reached by following `path` from the current field (empty when it is not selected). */
function setsAt(info: GraphQLResolveInfo, path: readonly string[]): Array<SelectionSetNode | undefined> {
  let sets = ownSets(info);
  for (const name of path) {
    sets = fieldsIn(info, sets)
      .filter((field) => field.name.value === name)
      .map((field) => field.selectionSet);
    if (sets.length === 0) {
      break;
    }
  }
  return sets;
}

/** Whether the client selected the chain of fields `path` under the current field, e.g. edges.node.sources. */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return setsAt(info, path).length > 0;
}

/** The field nodes selected under the chain `path` (aliases and repeats each appear). */
export function fieldNodesAt(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  return fieldsIn(info, setsAt(info, path));
}

/** The names of the fields selected under the chain `path`, e.g. nodes → id, name, phase (any type condition). */
export function selectedFieldsAt(info: GraphQLResolveInfo, path: readonly string[]): Set<string> {
  return new Set(fieldNodesAt(info, path).map((field) => field.name.value));
}

/** Whether a field named `name` is selected anywhere below the current field, at any depth. */
export function selectsAnywhere(info: GraphQLResolveInfo, name: string): boolean {
  let sets = ownSets(info);
  while (sets.length > 0) {
    const fields = fieldsIn(info, sets);
    if (fields.some((field) => field.name.value === name)) {
      return true;
    }
    sets = fields.map((field) => field.selectionSet).filter((set) => set !== undefined);
  }
  return false;
}
