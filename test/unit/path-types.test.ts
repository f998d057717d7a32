// The relationship types a flowing `paths` search expands (typesBetween) against every chain of
// kinds the relationship definitions allow, enumerated here step by step: the search must never
// leave out a type some flowing path could take, and should leave out what none can.
import { labelsBetween, typesBetween } from '../../src/graph/explore/path-reading';
import type { Label, RelationshipType } from '../../src/graph/model';
import { LABELS } from '../../src/graph/registry';
import { RELATIONSHIPS } from '../../src/graph/relationships';
import { SOURCE } from '../../src/graph/source/source.entity';

/** Each definition as one step along its flow: from the origin's kind to the effect's. */
const STEPS = RELATIONSHIPS.map((def) => ({
  type: def.type,
  origin: def.flow === 'out' ? def.from : def.to,
  effect: def.flow === 'out' ? def.to : def.from,
}));

/** The types of every step of every chain of kinds from `from` to `to` of 1 to maxLength steps (no Source inside). */
function typesOnChains(from: Label, to: Label, maxLength: number): Set<RelationshipType> {
  const found = new Set<RelationshipType>();
  const walk = (at: Label, used: RelationshipType[]) => {
    for (const step of STEPS.filter((s) => s.origin === at)) {
      if (step.effect === to) {
        [...used, step.type].forEach((type) => found.add(type));
      }
      if (used.length + 1 < maxLength && step.effect !== SOURCE.label) {
        walk(step.effect, [...used, step.type]);
      }
    }
  };
  walk(from, []);
  return found;
}

describe('typesBetween', () => {
  it('keeps every type a flowing chain of kinds can take, for every pair of kinds and length', () => {
    for (const from of LABELS) {
      for (const to of LABELS) {
        for (let maxLength = 1; maxLength <= 4; maxLength += 1) {
          const kept = new Set(typesBetween(from, to, labelsBetween(from, to, maxLength)));
          const needed = [...typesOnChains(from, to, maxLength)];
          expect({ from, to, maxLength, missing: needed.filter((type) => !kept.has(type)) }).toEqual({
            from,
            to,
            maxLength,
            missing: [],
          });
        }
      }
    }
  });

  it("leaves out the claims that lead away, such as a trial's outcomes and sponsors between a cell source and a condition", () => {
    const kept = typesBetween('CellSource', 'Condition', labelsBetween('CellSource', 'Condition', 4));
    expect(kept).toEqual(expect.arrayContaining(['DERIVES_FROM', 'CAPABLE_OF', 'AFFECTS', 'TESTS', 'STUDIES']));
    for (const type of [
      'HAS_OUTCOME',
      'SPONSORED_BY',
      'HAS_COLLABORATOR',
      'DESCRIBES_TRIAL',
      'REPORTED_ADVERSE_EVENT',
    ]) {
      expect(kept).not.toContain(type);
    }
  });

  it('keeps only the direct types for one step, and none where no definition joins the kinds', () => {
    expect(typesBetween('CellType', 'Mechanism', labelsBetween('CellType', 'Mechanism', 1))).toEqual(['CAPABLE_OF']);
    expect(typesBetween('Condition', 'CellSource', labelsBetween('Condition', 'CellSource', 4))).toEqual([]);
  });
});
