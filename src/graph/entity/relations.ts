// Relationship fields, derived from the RELATIONSHIPS catalogue: each definition gives a field on
// both of its labels. Definitions that give the same field name on the same label (e.g.
// Risk.associatedWith from CellType and from Product) merge into one field over several labels.
import { type Label, type RelationshipType } from '../model';
import { RELATIONSHIPS } from '../relationships';

export interface RelationGroup {
  /** e.g. `Risk.associatedWith` */
  key: string;
  owner: Label;
  field: string;
  direction: 'OUT' | 'IN';
  types: RelationshipType[];
  targets: Label[];
  description: string;
}

function buildGroups(): RelationGroup[] {
  const groups = new Map<string, RelationGroup>();
  const add = (
    owner: Label,
    field: string,
    direction: 'OUT' | 'IN',
    type: RelationshipType,
    target: Label,
    description: string,
  ) => {
    const key = `${owner}.${field}`;
    const existing = groups.get(key);
    if (existing === undefined) {
      groups.set(key, { key, owner, field, direction, types: [type], targets: [target], description });
      return;
    }
    if (existing.direction !== direction) {
      throw new Error(`${key} mixes relationship directions`);
    }
    if (!existing.types.includes(type)) {
      existing.types.push(type);
    }
    if (!existing.targets.includes(target)) {
      existing.targets.push(target);
    }
    existing.description = `${existing.description} ${description}`;
  };
  for (const def of RELATIONSHIPS) {
    add(def.from, def.outField, 'OUT', def.type, def.to, `${def.meaning} (${def.type}, outgoing)`);
    add(def.to, def.inField, 'IN', def.type, def.from, `Inverse of: ${def.meaning} (${def.type}, incoming)`);
  }
  return [...groups.values()];
}

export const RELATION_GROUPS: readonly RelationGroup[] = buildGroups();

/** The Cypher pattern from the parent `p` through claim `r` to the related node `n`. */
export function relationPattern(group: RelationGroup, p: string, r: string, n: string): string {
  const types = group.types.join('|');
  const targets = group.targets.join('|');
  return group.direction === 'OUT'
    ? `(${p})-[${r}:${types}]->(${n}:${targets})`
    : `(${p})<-[${r}:${types}]-(${n}:${targets})`;
}
