// Mutation names, derived from the catalogue so every label and every relationship definition gets
// its own: create<Label>, update<Label>, delete<Label>, and link<From><To> / unlink<From><To>.
// When the two labels are the same, or the pair is joined by more than one relationship type, the
// type goes between them (linkConditionContributesToCondition, linkCellTypeSubclassOfCellType).
import { type Label } from '../model';
import { RELATIONSHIPS, type RelationshipDef } from '../relationships';

const pascal = (type: string) =>
  type
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

function pairName(def: RelationshipDef): string {
  const typesOfPair = new Set(RELATIONSHIPS.filter((r) => r.from === def.from && r.to === def.to).map((r) => r.type));
  const ambiguous = def.from === def.to || typesOfPair.size > 1;
  return ambiguous ? `${def.from}${pascal(def.type)}${def.to}` : `${def.from}${def.to}`;
}

export const entityMutationNames = (label: Label) => ({
  create: `create${label}`,
  update: `update${label}`,
  delete: `delete${label}`,
});

export const linkMutationNames = (def: RelationshipDef) => ({
  link: `link${pairName(def)}`,
  unlink: `unlink${pairName(def)}`,
});

// Two definitions with one name would silently shadow each other in the schema.
const names = RELATIONSHIPS.map((def) => linkMutationNames(def).link);
const repeated = names.filter((name, i) => names.indexOf(name) !== i);
if (repeated.length > 0) {
  throw new Error(`relationship definitions share mutation names: ${repeated.join(', ')}`);
}
