// Relationship fields, derived from the RELATIONSHIPS catalogue: each definition gives a field on
// both of its labels. Definitions that give the same field name on the same label (e.g.
// Risk.associatedWith from CellType and from Product) merge into one field over several labels.
import { INHERITANCE, type InheritanceRule } from '../inheritance';
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
  /** Claims the field also returns, inherited from the classes these rules reach (src/graph/inheritance.ts). */
  inherits: InheritanceRule[];
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
      groups.set(key, { key, owner, field, direction, types: [type], targets: [target], description, inherits: [] });
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
  for (const rule of INHERITANCE) {
    const key = `${rule.owner}.${rule.field}`;
    let group = groups.get(key);
    if (group === undefined) {
      // Only inherited: the relationship is never stated for the owner itself.
      group = {
        key,
        owner: rule.owner,
        field: rule.field,
        direction: 'OUT',
        types: [],
        targets: [],
        description: '',
        inherits: [],
      };
      groups.set(key, group);
    }
    if (!group.targets.includes(rule.rel.to)) {
      group.targets.push(rule.rel.to);
    }
    group.inherits.push(rule);
    group.description =
      `${group.description} Also inherits ${rule.rel.type} claims stated for ${rule.reads}, marked inherited (includeInherited: false leaves them out).`.trim();
  }
  return [...groups.values()];
}

export const RELATION_GROUPS: readonly RelationGroup[] = buildGroups();

/**
 * The Cypher pattern from the parent `p` through claim `r` to the related node `n`; null for a
 * field that only inherits.
 */
export function relationPattern(group: RelationGroup, p: string, r: string, n: string): string | null {
  if (group.types.length === 0) {
    return null;
  }
  const types = group.types.join('|');
  const targets = group.targets.join('|');
  return group.direction === 'OUT'
    ? `(${p})-[${r}:${types}]->(${n}:${targets})`
    : `(${p})<-[${r}:${types}]-(${n}:${targets})`;
}
