// Every table about entity kinds, derived from the one list of definitions (src/graph/entities.ts):
// labels and id prefixes, the definition of each label, the GraphQL EntityType enum, id patterns.
// Nothing here is written by hand per kind.
import { registerEnumType } from 'type-graphql';
import type { EntityDefinition } from './entity/define';
import { ENTITIES } from './entities';
import { type Label, LOCAL_ID_PATTERN } from './model';
import { RELATIONSHIPS, type RelationshipDef } from './relationships';

export const LABELS: readonly Label[] = ENTITIES.map((entity) => entity.label);

export const ENTITY_DEFINITIONS: Readonly<Record<Label, EntityDefinition>> = Object.fromEntries(
  ENTITIES.map((entity) => [entity.label, entity]),
);

/** The id prefix of each label: ids read like `condition:degenerative-disc-disease`. */
export const ID_PREFIX: Readonly<Record<Label, string>> = Object.fromEntries(
  ENTITIES.map((entity) => [entity.label, entity.idPrefix]),
);

export const ENTITY_ID_PATTERN = new RegExp(
  `^(${ENTITIES.map((entity) => entity.idPrefix).join('|')}):${LOCAL_ID_PATTERN}$`,
);

const LABEL_BY_PREFIX = new Map(ENTITIES.map((entity) => [entity.idPrefix, entity.label]));

export function labelOfId(id: string): Label | undefined {
  return LABEL_BY_PREFIX.get(id.slice(0, id.indexOf(':')));
}

export function isLabel(value: unknown): value is Label {
  return typeof value === 'string' && value in ENTITY_DEFINITIONS;
}

/** The GraphQL enum of entity kinds (node labels). */
export const EntityType: Readonly<Record<Label, Label>> = Object.fromEntries(LABELS.map((label) => [label, label]));
registerEnumType(EntityType, {
  name: 'EntityType',
  description: 'The kind of an entity: its node label.',
  valuesConfig: Object.fromEntries(
    LABELS.map((label) => [label, { description: `${ENTITY_DEFINITIONS[label].display.name}.` }]),
  ),
});

/** The definitions of `type` from `from` to `to` (one, or none when the type does not join them). */
export function relationshipDefsBetween(type: string, from: Label, to: Label): RelationshipDef[] {
  return RELATIONSHIPS.filter((r) => r.type === type && r.from === from && r.to === to);
}
