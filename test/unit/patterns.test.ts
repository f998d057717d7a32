// The Cypher patterns of src/graph/patterns.ts, built from relationship definitions.
import { arrow, chain, orSubclass, strictSubclass } from '../../src/graph/patterns';
import {
  CELL_TYPE_CAPABLE_OF,
  CELL_TYPE_SUBCLASS_OF,
  CONDITION_SUBCLASS_OF,
  REGULATORY_STATUS_APPLIES_TO_CONDITION,
  TRIAL_STUDIES,
  TRIAL_TESTS,
  PRODUCT_CONTAINS_CELL_TYPE,
} from '../../src/graph/relationships';

describe('relationship patterns', () => {
  it('walks a chain outwards, with subclasses at any depth, naming only its ends', () => {
    expect(chain('n', [{ rel: TRIAL_STUDIES }, orSubclass(CONDITION_SUBCLASS_OF)], 'c')).toBe(
      '(n)-[:STUDIES]->(:Condition)-[:SUBCLASS_OF*0..3]->(c:Condition)',
    );
    expect(
      chain('t', [{ rel: TRIAL_TESTS }, { rel: PRODUCT_CONTAINS_CELL_TYPE }, orSubclass(CELL_TYPE_SUBCLASS_OF)], 'x'),
    ).toBe('(t)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(:CellType)-[:SUBCLASS_OF*0..3]->(x:CellType)');
  });

  it('walks backwards, arriving at the relationship’s subject', () => {
    expect(
      chain('v', [{ rel: CELL_TYPE_CAPABLE_OF, backwards: true }, orSubclass(CELL_TYPE_SUBCLASS_OF, true)], 'x'),
    ).toBe('(v)<-[:CAPABLE_OF]-(:CellType)<-[:SUBCLASS_OF*0..3]-(x:CellType)');
    expect(
      chain(
        'cc',
        [
          strictSubclass(CONDITION_SUBCLASS_OF, true),
          { rel: REGULATORY_STATUS_APPLIES_TO_CONDITION, backwards: true, variable: 'r' },
        ],
        's',
      ),
    ).toBe('(cc)<-[:SUBCLASS_OF*1..3]-(:Condition)<-[r:APPLIES_TO_CONDITION]-(s:RegulatoryStatus)');
  });

  it('names a relationship variable and keeps a labelled start', () => {
    expect(arrow({ rel: TRIAL_STUDIES, variable: 's' })).toBe('-[s:STUDIES]->');
    expect(chain('t:Trial', [{ rel: TRIAL_STUDIES, variable: 's' }], 'c')).toBe('(t:Trial)-[s:STUDIES]->(c:Condition)');
  });
});
