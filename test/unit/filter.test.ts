// Filter compilation as pure functions, on the filter specs the API really uses (ENTITY_DEFINITIONS):
// the Cypher each kind of field compiles to, that every client value travels as a parameter, how
// AND/OR/NOT nest and are bounded, and how OR-ed single-field sub-filters merge into one list.
import {
  type CommonFilter,
  compileFilter,
  compileRootMatch,
  CypherParams,
  type FilterSpec,
} from '../../src/common/filter';
import { MAX_FILTER_DEPTH } from '../../src/common/bounds';
import { ENTITY_DEFINITIONS } from '../../src/graph/registry';
import type { Label } from '../../src/graph/model';
import { thrown } from './thrown';

const specOf = (label: Label): FilterSpec =>
  Object.fromEntries(Object.entries(ENTITY_DEFINITIONS[label].filters).map(([field, def]) => [field, def.spec]));

function compile(filter: CommonFilter | null | undefined, spec: FilterSpec = specOf('Trial')) {
  const params = new CypherParams();
  const clauses = compileFilter(filter, spec, 'n', params);
  const { prelude } = params.takeSets();
  // The prelude that computes the class sets the clauses test against, when they test any.
  return { clauses, cypher: clauses.join(' AND '), ...(prelude === '' ? {} : { prelude }), params: params.values };
}

/** What the text field tests for one needle (a parameter or a list variable). */
const textTest = (needle: string) =>
  `(toLower(coalesce(n.name, '')) CONTAINS ${needle} OR toLower(coalesce(n.description, '')) CONTAINS ${needle} OR ` +
  `toLower(coalesce(n.synonymsText, '')) CONTAINS ${needle} OR toLower(coalesce(n.identifiersText, '')) CONTAINS ${needle})`;

const STUDIES_CONDITION = (x: string) => `(n)-[:STUDIES]->(:Condition)-[:SUBCLASS_OF*0..3]->(${x}:Condition)`;

/** The prelude that collects, as `set`, the conditions at or below the ids in `ids`. */
const CONDITIONS_BELOW = (x: string, d: string, ids: string, set: string) =>
  `CALL () { MATCH (${x}:Condition)<-[:SUBCLASS_OF*0..3]-(${d}:Condition) WHERE ${x}.id IN ${ids} RETURN collect(DISTINCT ${d}) AS ${set} }\n`;

/** `levels` NOTs around a one-field filter. */
const nestedNots = (levels: number): CommonFilter =>
  levels === 0 ? { status: ['COMPLETED'] } : { NOT: nestedNots(levels - 1) };

describe('CypherParams', () => {
  it('names parameters $p0, $p1, … and variables x0, x1, … in order, keeping each value', () => {
    const params = new CypherParams();
    expect(params.add('a')).toBe('$p0');
    expect(params.variable()).toBe('x0');
    expect(params.add(['b'])).toBe('$p1');
    expect(params.variable()).toBe('x1');
    expect(params.values).toEqual({ p0: 'a', p1: ['b'] });
  });
});

describe('compileFilter: one field of each kind', () => {
  it('compiles no filter, an empty one and null fields to no clause', () => {
    expect(compile(null).clauses).toEqual([]);
    expect(compile(undefined).clauses).toEqual([]);
    expect(compile({}).clauses).toEqual([]);
    expect(compile({ ids: null, text: null, status: null, AND: null, OR: null, NOT: null })).toEqual({
      clauses: [],
      cypher: '',
      params: {},
    });
  });

  it('ids: one IN over a list parameter', () => {
    expect(compile({ ids: ['trial:a', 'trial:b'] })).toEqual({
      clauses: ['n.id IN $p0'],
      cypher: 'n.id IN $p0',
      params: { p0: ['trial:a', 'trial:b'] },
    });
  });

  it('text: trimmed and lower-cased, searched in every text property', () => {
    expect(compile({ text: '  Degenerative DISC ' })).toEqual({
      clauses: [textTest('$p0')],
      cypher: textTest('$p0'),
      params: { p0: 'degenerative disc' },
    });
  });

  it('text: empty or blank is ignored, with no parameter', () => {
    expect(compile({ text: '' })).toEqual({ clauses: [], cypher: '', params: {} });
    expect(compile({ text: ' \t ' })).toEqual({ clauses: [], cypher: '', params: {} });
  });

  it('in: a property IN a list (Trial.status)', () => {
    expect(compile({ status: ['COMPLETED', 'RECRUITING'] })).toMatchObject({
      clauses: ['n.status IN $p0'],
      params: { p0: ['COMPLETED', 'RECRUITING'] },
    });
  });

  it('overlaps: a list property sharing a value with the list (CellSource.origins)', () => {
    expect(compile({ origins: ['AUTOLOGOUS'] }, specOf('CellSource'))).toMatchObject({
      clauses: ['any(value IN coalesce(n.origins, []) WHERE value IN $p0)'],
      params: { p0: ['AUTOLOGOUS'] },
    });
  });

  it('labels: any label of the node in the list', () => {
    expect(compile({ types: ['Trial', 'Product'] }, { types: { kind: 'labels' } })).toMatchObject({
      clauses: ['any(label IN labels(n) WHERE label IN $p0)'],
      params: { p0: ['Trial', 'Product'] },
    });
  });

  it('equals: a property equal to the value (Trial.registryId)', () => {
    expect(compile({ registryId: 'NCT01290367' })).toMatchObject({
      clauses: ['n.registryId = $p0'],
      params: { p0: 'NCT01290367' },
    });
  });

  it('range: inclusive bounds, each end optional (Trial.enrollment)', () => {
    expect(compile({ enrollment: { min: 10, max: 100 } })).toMatchObject({
      clauses: ['n.enrollment >= $p0', 'n.enrollment <= $p1'],
      params: { p0: 10, p1: 100 },
    });
    expect(compile({ enrollment: { min: 10 } }).clauses).toEqual(['n.enrollment >= $p0']);
    expect(compile({ enrollment: { max: 0 } })).toMatchObject({ clauses: ['n.enrollment <= $p0'], params: { p0: 0 } });
    expect(compile({ enrollment: { min: null, max: null } }).clauses).toEqual([]);
    expect(compile({ enrollment: { min: 7, max: 7 } }).params).toEqual({ p0: 7, p1: 7 });
  });

  it('range: refuses a min above its max with BAD_USER_INPUT', () => {
    const error = thrown(() => compile({ startYear: { min: 2020, max: 2019 } }));
    expect(error.message).toBe("A range's min (2020) is above its max (2019).");
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('related: an EXISTS over the pattern in code, with the ids as a parameter (Trial.productIds)', () => {
    expect(compile({ productIds: ['product:p'] })).toMatchObject({
      clauses: ['EXISTS { MATCH (n)-[:TESTS]->(x0:Product) WHERE x0.id IN $p0 }'],
      params: { p0: ['product:p'] },
    });
  });

  it('related, up a class hierarchy: the classes below the ids, collected once, and an EXISTS up to them', () => {
    expect(compile({ conditionIds: ['condition:ddd'] })).toEqual({
      clauses: ['EXISTS { MATCH (n)-[:STUDIES]->(x0:Condition) WHERE x0 IN x2 }'],
      cypher: 'EXISTS { MATCH (n)-[:STUDIES]->(x0:Condition) WHERE x0 IN x2 }',
      prelude: CONDITIONS_BELOW('x0', 'x1', '$p0', 'x2'),
      params: { p0: ['condition:ddd'] },
    });
    // Both of a trial's ways to a cell type climb from the same classes: one set serves both.
    const { cypher, prelude } = compile({ cellTypeIds: ['cell-type:c'] });
    expect(prelude).toBe(
      'CALL () { MATCH (x0:CellType)<-[:SUBCLASS_OF*0..3]-(x1:CellType) WHERE x0.id IN $p0 RETURN collect(DISTINCT x1) AS x2 }\n',
    );
    expect(cypher).toBe(
      '(EXISTS { MATCH (n)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(x0:CellType) WHERE x0 IN x2 } OR ' +
        'EXISTS { MATCH (n)-[:TESTS_CELL_TYPE]->(x3:CellType) WHERE x3 IN x2 })',
    );
    // Down a hierarchy (the cell types capable of a mechanism, and their subtypes) the walk from
    // the ids is the short one: no set.
    expect(compile({ cellTypeIds: ['cell-type:c'] }, specOf('Mechanism'))).toEqual({
      clauses: [
        'EXISTS { MATCH (n)<-[:CAPABLE_OF]-(:CellType)<-[:SUBCLASS_OF*0..3]-(x0:CellType) WHERE x0.id IN $p0 }',
      ],
      cypher: 'EXISTS { MATCH (n)<-[:CAPABLE_OF]-(:CellType)<-[:SUBCLASS_OF*0..3]-(x0:CellType) WHERE x0.id IN $p0 }',
      params: { p0: ['cell-type:c'] },
    });
  });

  it('gives every related pattern its own variable', () => {
    const { cypher } = compile({ conditionIds: ['c'], productIds: ['p'] });
    expect(cypher).toBe(
      'EXISTS { MATCH (n)-[:STUDIES]->(x0:Condition) WHERE x0 IN x2 } AND ' +
        'EXISTS { MATCH (n)-[:TESTS]->(x3:Product) WHERE x3.id IN $p1 }',
    );
  });

  it('refuses a field the spec does not know', () => {
    expect(() => compile({ bogus: ['x'] })).toThrow('filter field bogus has no spec');
  });
});

describe('compileFilter: AND, OR and NOT', () => {
  it('ANDs the fields of one level', () => {
    expect(compile({ status: ['COMPLETED'], phase: ['PHASE_2'] }).cypher).toBe('n.status IN $p0 AND n.phase IN $p1');
  });

  it('negates NOT and parenthesises it', () => {
    expect(compile({ NOT: { status: ['COMPLETED'], phase: ['PHASE_2'] } }).cypher).toBe(
      'NOT (n.status IN $p0 AND n.phase IN $p1)',
    );
    expect(compile({ NOT: {} }).clauses).toEqual([]);
  });

  it('joins AND and OR parts, each parenthesised', () => {
    expect(compile({ AND: [{ status: ['COMPLETED'] }, { phase: ['PHASE_2'] }] }).cypher).toBe(
      '((n.status IN $p0) AND (n.phase IN $p1))',
    );
    expect(compile({ OR: [{ status: ['COMPLETED'], phase: ['PHASE_2'] }, { enrollment: { min: 100 } }] }).cypher).toBe(
      '((n.status IN $p0 AND n.phase IN $p1) OR (n.enrollment >= $p2))',
    );
  });

  it('treats an empty alternative of an OR as matching everything, and drops it from an AND', () => {
    expect(compile({ OR: [{}, { enrollment: { min: 1 } }] }).cypher).toBe('(true OR (n.enrollment >= $p0))');
    expect(compile({ OR: [{ text: ' ' }, { enrollment: { min: 1 } }] }).cypher).toBe('(true OR (n.enrollment >= $p0))');
    expect(compile({ AND: [{ text: ' ' }, { enrollment: { min: 1 } }] }).cypher).toBe('((n.enrollment >= $p0))');
  });

  it('nests NOT inside OR inside AND', () => {
    const { cypher, params } = compile({
      AND: [{ OR: [{ NOT: { status: ['WITHDRAWN'] } }, { enrollment: { min: 50 } }] }, { registryId: 'NCT1' }],
    });
    expect(cypher).toBe('((((NOT (n.status IN $p0)) OR (n.enrollment >= $p1))) AND (n.registryId = $p2))');
    expect(params).toEqual({ p0: ['WITHDRAWN'], p1: 50, p2: 'NCT1' });
  });

  it(`accepts ${MAX_FILTER_DEPTH} levels of nesting and refuses one more with BAD_USER_INPUT`, () => {
    expect(compile(nestedNots(MAX_FILTER_DEPTH)).cypher).toBe(
      `${'NOT ('.repeat(MAX_FILTER_DEPTH)}n.status IN $p0${')'.repeat(MAX_FILTER_DEPTH)}`,
    );
    const error = thrown(() => compile(nestedNots(MAX_FILTER_DEPTH + 1)));
    expect(error.message).toBe(`Filters nest AND/OR/NOT at most ${MAX_FILTER_DEPTH} levels deep.`);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    const deepAnd = (levels: number): CommonFilter => (levels === 0 ? { ids: ['a'] } : { AND: [deepAnd(levels - 1)] });
    expect(() => compile(deepAnd(MAX_FILTER_DEPTH))).not.toThrow();
    expect(() => compile(deepAnd(MAX_FILTER_DEPTH + 1))).toThrow(/at most 5 levels deep/);
  });
});

describe('compileFilter: single-field sub-filters merge into one list', () => {
  it('an OR of texts is one any() over one list parameter, however many there are', () => {
    expect(compile({ OR: [{ text: 'Disc' }, { text: ' PAIN ' }] })).toEqual({
      clauses: [`(any(x0 IN $p0 WHERE ${textTest('x0')}))`],
      cypher: `(any(x0 IN $p0 WHERE ${textTest('x0')}))`,
      params: { p0: ['disc', 'pain'] },
    });
    const many = compile({ OR: Array.from({ length: 40 }, (_, i) => ({ text: `Word${i}` })) });
    expect(Object.keys(many.params)).toEqual(['p0']);
    expect(many.cypher).toBe(`(any(x0 IN $p0 WHERE ${textTest('x0')}))`);
  });

  it('an AND of texts is one all(); one text alone stays a plain test', () => {
    expect(compile({ AND: [{ text: 'disc' }, { text: 'pain' }] })).toMatchObject({
      cypher: `(all(x0 IN $p0 WHERE ${textTest('x0')}))`,
      params: { p0: ['disc', 'pain'] },
    });
    expect(compile({ OR: [{ text: 'Disc' }] })).toMatchObject({
      cypher: `(${textTest('$p0')})`,
      params: { p0: 'disc' },
    });
  });

  it('an OR of ids, of in-lists and of related ids is one IN each, without repeated values', () => {
    expect(compile({ OR: [{ ids: ['a'] }, { ids: ['b', 'a'] }, { ids: ['c'] }] })).toMatchObject({
      cypher: '(n.id IN $p0)',
      params: { p0: ['a', 'b', 'c'] },
    });
    expect(compile({ OR: [{ status: ['COMPLETED'] }, { status: ['RECRUITING'] }] })).toMatchObject({
      cypher: '(n.status IN $p0)',
      params: { p0: ['COMPLETED', 'RECRUITING'] },
    });
    expect(compile({ OR: [{ conditionIds: ['c1'] }, { conditionIds: ['c2'] }] })).toMatchObject({
      cypher: '(EXISTS { MATCH (n)-[:STUDIES]->(x0:Condition) WHERE x0 IN x2 })',
      prelude: CONDITIONS_BELOW('x0', 'x1', '$p0', 'x2'),
      params: { p0: ['c1', 'c2'] },
    });
    expect(
      compile({ OR: [{ origins: ['AUTOLOGOUS'] }, { origins: ['ALLOGENEIC'] }] }, specOf('CellSource')),
    ).toMatchObject({
      cypher: '(any(value IN coalesce(n.origins, []) WHERE value IN $p0))',
      params: { p0: ['AUTOLOGOUS', 'ALLOGENEIC'] },
    });
  });

  it('keeps different fields apart, in one list each, OR-ed', () => {
    const { cypher, params } = compile({
      OR: [{ ids: ['a'] }, { status: ['COMPLETED'] }, { ids: ['b'] }, { status: ['RECRUITING'] }, { text: 'x' }],
    });
    expect(cypher).toBe(`(${textTest('$p0')} OR n.id IN $p1 OR n.status IN $p2)`);
    expect(params).toEqual({ p0: 'x', p1: ['a', 'b'], p2: ['COMPLETED', 'RECRUITING'] });
  });

  it('does not merge an AND of lists (that is an intersection), nor multi-field or non-list sub-filters', () => {
    expect(compile({ AND: [{ ids: ['a'] }, { ids: ['b'] }] }).cypher).toBe('((n.id IN $p0) AND (n.id IN $p1))');
    expect(compile({ OR: [{ registryId: 'NCT1' }, { registryId: 'NCT2' }] }).cypher).toBe(
      '((n.registryId = $p0) OR (n.registryId = $p1))',
    );
    expect(compile({ OR: [{ ids: ['a'], status: ['COMPLETED'] }, { ids: ['b'] }] }).cypher).toBe(
      '((n.id IN $p0 AND n.status IN $p1) OR n.id IN $p2)',
    );
  });
});

describe('compileFilter: values are parameters, never Cypher', () => {
  const hostile = [
    "x' OR 1=1 //",
    'a}) DETACH DELETE n //',
    '`Trial`',
    '") RETURN 1 //',
    'RECRUITING\nMATCH (m) DETACH DELETE m',
  ];

  it('puts no value a client sent into the query text', () => {
    const compiled = compile({
      ids: [hostile[0]],
      text: hostile[1],
      status: [hostile[2]],
      registryId: hostile[3],
      conditionIds: [hostile[4]],
      AND: [{ text: hostile[0] }, { text: hostile[2] }],
      OR: [{ ids: [hostile[1]] }, { productIds: [hostile[3]] }],
      NOT: { registryId: hostile[4] },
    });
    const { params } = compiled;
    const cypher = (compiled.prelude ?? '') + compiled.cypher;
    for (const value of hostile) {
      expect(cypher).not.toContain(value.trim().toLowerCase());
      expect(cypher).not.toContain(value);
    }
    expect(Object.values(params).flat()).toEqual(expect.arrayContaining(hostile));
    // Every parameter the text names exists, and every parameter is used.
    const named = new Set([...cypher.matchAll(/\$(p\d+)/g)].map(([, name]) => name));
    expect([...named].sort()).toEqual(Object.keys(params).sort());
  });
});

describe('compileRootMatch', () => {
  function root(filter: CommonFilter | null) {
    const params = new CypherParams();
    return { ...compileRootMatch('Trial', filter, specOf('Trial'), 'n', params), params: params.values };
  }

  it('scans the label when there is no filter, or nothing to keep out', () => {
    expect(root(null)).toEqual({ match: 'MATCH (n:Trial)', clauses: [], everything: true, sets: [], params: {} });
    expect(root({ text: '  ' })).toMatchObject({ match: 'MATCH (n:Trial)', everything: true });
  });

  it('scans the label and filters when no top-level field, and no sub-filter of its OR, names related entities', () => {
    expect(
      root({ status: ['COMPLETED'], OR: [{ phase: ['PHASE_3'] }, { NOT: { conditionIds: ['c'] } }] }),
    ).toMatchObject({
      match: `${CONDITIONS_BELOW('x0', 'x1', '$p1', 'x2')}MATCH (n:Trial)`,
      everything: false,
    });
    expect(root({ status: ['COMPLETED'], conditionIds: null }).match).toBe('MATCH (n:Trial)');
  });

  it('unites a read from the ids of each OR sub-filter that names related entities with one scan for the others', () => {
    const { match, clauses, sets, params } = root({
      status: ['COMPLETED'],
      NOT: { conditionIds: ['condition:d'] },
      OR: [
        { conditionIds: ['condition:c'] },
        { productIds: ['product:p'], NOT: { conditionIds: ['condition:e'] } },
        { phase: ['PHASE_3'] },
        { text: 'disc' },
      ],
    });
    expect(match).toBe(
      CONDITIONS_BELOW('x5', 'x6', '$p6', 'x7') +
        'CALL () {\n' +
        `MATCH (n:Trial), ${STUDIES_CONDITION('x0')}\nWHERE x0.id IN $p0\nWITH DISTINCT n\nRETURN n\nUNION\n` +
        CONDITIONS_BELOW('x2', 'x3', '$p2', 'x4') +
        'MATCH (n:Trial), (n)-[:TESTS]->(x1:Product)\nWHERE x1.id IN $p1\nWITH DISTINCT n, x4\n' +
        'WHERE NOT (EXISTS { MATCH (n)-[:STUDIES]->(x2:Condition) WHERE x2 IN x4 })\nRETURN n\nUNION\n' +
        "MATCH (n:Trial)\nWHERE (toLower(coalesce(n.name, '')) CONTAINS $p3 OR toLower(coalesce(n.description, '')) CONTAINS $p3 OR toLower(coalesce(n.synonymsText, '')) CONTAINS $p3 OR toLower(coalesce(n.identifiersText, '')) CONTAINS $p3) OR n.phase IN $p4\nRETURN n\n" +
        '}\nWITH n, x7',
    );
    expect(clauses).toEqual([
      'n.status IN $p5',
      'NOT (EXISTS { MATCH (n)-[:STUDIES]->(x5:Condition) WHERE x5 IN x7 })',
    ]);
    expect(sets).toEqual(['x7']);
    expect(params).toMatchObject({ p0: ['condition:c'], p1: ['product:p'], p2: ['condition:e'], p6: ['condition:d'] });
  });

  it('starts from the given ids, testing related fields on each node, and scans beside a text', () => {
    const seeded = root({ ids: ['trial:a'], conditionIds: ['condition:c'], OR: [{ productIds: ['product:p'] }] });
    expect(seeded.match).toBe(`${CONDITIONS_BELOW('x0', 'x1', '$p1', 'x2')}MATCH (n:Trial)`);
    expect(seeded.clauses[0]).toBe('n.id IN $p0');
    expect(seeded.clauses).toHaveLength(3);
    const searched = root({ text: 'disc', OR: [{ conditionIds: ['condition:c'] }, { phase: ['PHASE_3'] }] });
    expect(searched.match).toBe(`${CONDITIONS_BELOW('x0', 'x1', '$p1', 'x2')}MATCH (n:Trial)`);
    expect(root({ text: '  ', OR: [{ conditionIds: ['condition:c'] }] }).match).toMatch(/^CALL \(\) \{\nMATCH/);
  });

  it('computes the class sets compiled before it ahead of the union, and carries them past it', () => {
    const params = new CypherParams();
    params.set('before', (d) => `MATCH (${d}:Condition)`);
    const { match, sets } = compileRootMatch(
      'Trial',
      { OR: [{ conditionIds: ['condition:c'] }, { phase: ['PHASE_3'] }] },
      specOf('Trial'),
      'n',
      params,
    );
    expect(match).toBe(
      'CALL () { MATCH (x0:Condition) RETURN collect(DISTINCT x0) AS x1 }\n' +
        `CALL () {\nMATCH (n:Trial), ${STUDIES_CONDITION('x2')}\nWHERE x2.id IN $p0\nWITH DISTINCT n\nRETURN n\nUNION\n` +
        'MATCH (n:Trial)\nWHERE n.phase IN $p1\nRETURN n\n}\nWITH n, x1',
    );
    expect(sets).toEqual(['x1']);
  });

  it('starts from the related ids of a top-level related field and keeps the rest as clauses', () => {
    expect(root({ status: ['COMPLETED'], conditionIds: ['condition:ddd'] })).toEqual({
      match: `MATCH (n:Trial), ${STUDIES_CONDITION('x0')}\nWHERE x0.id IN $p0\nWITH DISTINCT n`,
      clauses: ['n.status IN $p1'],
      everything: false,
      sets: [],
      params: { p0: ['condition:ddd'], p1: ['COMPLETED'] },
    });
  });

  it('walks every top-level related field from its own ids and joins the walks on the node', () => {
    const { match, clauses, params } = root({ productIds: ['product:p'], conditionIds: ['condition:c'] });
    expect(match).toBe(
      'MATCH (n:Trial), (n)-[:TESTS]->(x0:Product)\nWHERE x0.id IN $p0\n' +
        `MATCH ${STUDIES_CONDITION('x1')}\nUSING JOIN ON n\nWHERE x1.id IN $p1\nWITH DISTINCT n`,
    );
    expect(clauses).toEqual([]);
    expect(params).toEqual({ p0: ['product:p'], p1: ['condition:c'] });
  });

  it('computes the class sets of the remaining clauses first, and carries them past the walks', () => {
    const { match, clauses, sets } = root({ productIds: ['product:p'], NOT: { conditionIds: ['condition:c'] } });
    expect(match).toBe(
      CONDITIONS_BELOW('x1', 'x2', '$p1', 'x3') +
        'MATCH (n:Trial), (n)-[:TESTS]->(x0:Product)\nWHERE x0.id IN $p0\nWITH DISTINCT n, x3',
    );
    expect(clauses).toEqual(['NOT (EXISTS { MATCH (n)-[:STUDIES]->(x1:Condition) WHERE x1 IN x3 })']);
    expect(sets).toEqual(['x3']);
  });

  it('unites one branch per pattern of a field that has several', () => {
    const { match, clauses } = root({ cellTypeIds: ['cell-type:c'], status: ['COMPLETED'] });
    const throughProduct =
      '(n)-[:TESTS]->(:Product)-[:CONTAINS_CELL_TYPE]->(:CellType)-[:SUBCLASS_OF*0..3]->(x0:CellType)';
    const alone = '(n)-[:TESTS_CELL_TYPE]->(:CellType)-[:SUBCLASS_OF*0..3]->(x0:CellType)';
    expect(match).toBe(
      `CALL () {\nMATCH (n:Trial), ${throughProduct}\nWHERE x0.id IN $p0\nRETURN n\nUNION\n` +
        `MATCH (n:Trial), ${alone}\nWHERE x0.id IN $p0\nRETURN n\n}\nWITH n`,
    );
    expect(clauses).toEqual(['n.status IN $p1']);
  });
});
