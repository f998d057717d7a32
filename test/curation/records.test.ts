// The pure translations of curation: input to seed record and back, the properties stored (as the
// seed loader stores them), field changes for the audit trail, claim ids and mutation names.
import { entityMutationNames, linkMutationNames } from '../../src/graph/curation/naming';
import {
  changedFields,
  claimIdFor,
  recordFromInput,
  recordOf,
  storedProperties,
} from '../../src/graph/curation/records';
import { RELATIONSHIPS } from '../../src/graph/relationships';
import { type EntityRecord, RECORD_SCHEMAS } from '../../src/seed/schema';

const contributesTo = RELATIONSHIPS.find((r) => r.type === 'CONTRIBUTES_TO')!;

describe('records', () => {
  it('turn an input into a seed record and store it as the loader does', () => {
    const record = recordFromInput({
      id: 'condition:x',
      name: 'X',
      category: 'DISEASE',
      sourceIds: ['source:a'],
      synonyms: ['why', 'ex'],
      curie: 'MONDO:1',
      description: undefined,
    });
    expect(record).toEqual({
      id: 'condition:x',
      name: 'X',
      category: 'DISEASE',
      sources: ['source:a'],
      synonyms: ['why', 'ex'],
      curie: 'MONDO:1',
    });
    const parsed = RECORD_SCHEMAS.Condition.parse(record) as EntityRecord;
    const stored = storedProperties('Condition', parsed);
    expect(stored).toEqual({
      name: 'X',
      description: null,
      synonyms: ['why', 'ex'],
      curie: 'MONDO:1',
      xrefs: null,
      category: 'DISEASE',
      sourceIds: ['source:a'],
      synonymsText: 'why ; ex',
      identifiersText: 'MONDO:1',
      // What an ingestion stated: nothing here, so stored as null (SET += removes them).
      ingestedFields: null,
      ingestedFrom: null,
      ingestedBy: null,
      retrievedAt: null,
      alternativeValues: null,
    });
    // And back: what a node holds is the record again, without metadata or derived text.
    expect(recordOf('Condition', { id: 'condition:x', ...stored, version: 3, updatedBy: 'key:a' })).toEqual(record);
  });

  it('apply an update over the current record: absent keeps, null removes', () => {
    const base = { id: 'condition:x', name: 'X', category: 'DISEASE', sources: ['source:a'], curie: 'MONDO:1' };
    expect(recordFromInput({ id: 'condition:x', expectedVersion: 2, curie: null, name: 'Y' }, base)).toEqual({
      id: 'condition:x',
      name: 'Y',
      category: 'DISEASE',
      sources: ['source:a'],
    });
  });

  it('list changed fields by name, leaving out metadata and derived text', () => {
    expect(
      changedFields(
        { name: 'A', synonyms: ['x'], version: 1, synonymsText: 'x', curie: 'MONDO:1' },
        { name: 'B', synonyms: ['x'], version: 2, synonymsText: 'x y', curie: null, description: 'd' },
      ),
    ).toEqual([
      { field: 'curie', before: 'MONDO:1', after: null },
      { field: 'description', before: null, after: 'd' },
      { field: 'name', before: 'A', after: 'B' },
    ]);
    expect(changedFields(null, { id: 'x', name: 'A' })).toEqual([{ field: 'name', before: null, after: 'A' }]);
  });

  it('give a claim the seed-style id, numbered when taken', () => {
    const taken = new Set(['claim:a-contributes-to-b', 'claim:a-contributes-to-b-2']);
    expect(claimIdFor(contributesTo, 'condition:a', 'condition:b', () => false)).toBe('claim:a-contributes-to-b');
    expect(claimIdFor(contributesTo, 'condition:a', 'condition:b', (id) => taken.has(id))).toBe(
      'claim:a-contributes-to-b-3',
    );
  });
});

describe('mutation names', () => {
  it('are unique, and carry the type where two labels alone would be ambiguous', () => {
    expect(entityMutationNames('RegulatoryStatus')).toEqual({
      create: 'createRegulatoryStatus',
      update: 'updateRegulatoryStatus',
      delete: 'deleteRegulatoryStatus',
    });
    const names = RELATIONSHIPS.map((def) => linkMutationNames(def));
    expect(new Set(names.map((n) => n.link)).size).toBe(RELATIONSHIPS.length);
    expect(linkMutationNames(contributesTo)).toEqual({
      link: 'linkConditionContributesToCondition',
      unlink: 'unlinkConditionContributesToCondition',
    });
    expect(names.map((n) => n.link)).toContain('linkTrialCondition');
    expect(names.map((n) => n.link)).toContain('linkCellTypeSubclassOfCellType');
  });
});

describe('a curated edit of a field an ingestion set', () => {
  it("makes the field curated: it leaves the ingestion's list, other entries stay", () => {
    const base = {
      id: 'trial:x',
      name: 'X',
      sponsor: 'Acme',
      synonyms: ['A'],
      ingestedFields: ['ctgov/sponsor', 'ctgov/status', 'ontology/synonyms=A'],
    };
    expect(recordFromInput({ id: 'trial:x', sponsor: 'Acme Bio', synonyms: ['A', 'B'] }, base).ingestedFields).toEqual([
      'ctgov/status',
    ]);
    expect(recordFromInput({ id: 'trial:x', sponsor: 'Acme Bio', status: 'COMPLETED' }, base).ingestedFields).toEqual([
      'ontology/synonyms=A',
    ]);
  });
});
