// Optimistic concurrency on the real Neo4j, through real HTTP: conflicting updates of one entity
// sent at the same time. Exactly one write wins each version, the others get CONFLICT and write
// nothing, the audit trail holds exactly the winners in version order, and no update is lost.
import { codeOf, CREATE, makeCondition, startSuite, type Suite, UPDATE_CONDITION } from './support';

let s: Suite;

beforeAll(async () => {
  s = await startSuite('conc');
});
afterAll(async () => {
  await s.close();
});

const WRITERS = 20;

type AuditRow = {
  operation: string;
  version: number;
  changes: string;
};

/** The entity's audit entries in the order they were written (by time, then id). */
async function trail(id: string): Promise<Array<{ operation: string; version: number; changes: any[] }>> {
  const rows = await s.db.read<AuditRow>(
    'test.trail',
    'MATCH (a:AuditEntry {targetId: $id}) RETURN a.operation AS operation, a.version AS version, a.changes AS changes ORDER BY a.at, a.id',
    { id },
  );
  return rows.map((r) => ({ ...r, changes: JSON.parse(r.changes) }));
}

async function read(id: string): Promise<{ version: number; description: string | null; synonyms: string[] }> {
  const res = await s.as('curator')(`query($id: ID!) { condition(id: $id) { version description synonyms } }`, { id });
  expect(res.errors).toBeUndefined();
  return res.data!.condition;
}

it(`${WRITERS} concurrent updates from the same version: one wins, the others CONFLICT and write nothing`, async () => {
  const id = await makeCondition(s, 'race');
  const results = await Promise.all(
    Array.from({ length: WRITERS }, (_, i) =>
      s.as('curator')(UPDATE_CONDITION, { input: { id, expectedVersion: 1, description: `writer ${i}` } }),
    ),
  );
  const winners = results.filter((r) => r.errors === undefined);
  expect(winners).toHaveLength(1);
  expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(WRITERS - 1);
  const won = winners[0].data!.updateCondition;
  expect(won.version).toBe(2);

  expect(await read(id)).toMatchObject({ version: 2, description: won.description });
  expect(await trail(id)).toEqual([
    expect.objectContaining({ operation: 'CREATE', version: 1 }),
    { operation: 'UPDATE', version: 2, changes: [{ field: 'description', before: null, after: won.description }] },
  ]);
});

it(`${WRITERS} clients that re-read and retry on CONFLICT: one winner per version and no lost update`, async () => {
  const id = await makeCondition(s, 'chain');
  const client = async (i: number): Promise<number> => {
    for (let attempt = 0; attempt < 10 * WRITERS; attempt++) {
      const { version, synonyms } = await read(id);
      const res = await s.as('curator')(UPDATE_CONDITION, {
        input: { id, expectedVersion: version, synonyms: [...synonyms, `writer-${i}`] },
      });
      if (res.errors === undefined) {
        return res.data!.updateCondition.version;
      }
      expect(codeOf(res)).toBe('CONFLICT');
    }
    throw new Error(`writer ${i} never got its update in`);
  };
  const won = await Promise.all(Array.from({ length: WRITERS }, (_, i) => client(i)));

  // Every version from 2 to WRITERS + 1 was won exactly once.
  expect([...won].sort((a, b) => a - b)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 2));
  // Every writer's change is there: a lost update would have dropped one.
  const final = await read(id);
  expect(final.version).toBe(WRITERS + 1);
  expect([...final.synonyms].sort()).toEqual(Array.from({ length: WRITERS }, (_, i) => `writer-${i}`).sort());

  // The trail has exactly the winners, in version order, each starting where the previous ended.
  const entries = await trail(id);
  expect(entries.map((e) => [e.operation, e.version])).toEqual([
    ['CREATE', 1],
    ...Array.from({ length: WRITERS }, (_, i) => ['UPDATE', i + 2]),
  ]);
  for (let i = 2; i < entries.length; i++) {
    const [change] = entries[i].changes;
    expect(change.field).toBe('synonyms');
    expect(change.before).toEqual(entries[i - 1].changes.find((c: any) => c.field === 'synonyms')?.after ?? null);
    expect(change.after).toHaveLength(i);
  }
});

it('a sequential chain of versions: each update needs the version the one before produced', async () => {
  const id = await makeCondition(s, 'seq');
  for (let version = 1; version <= 5; version++) {
    const stale = await s.as('curator')(UPDATE_CONDITION, {
      input: { id, expectedVersion: version + 1, description: `too early ${version}` },
    });
    expect(codeOf(stale)).toBe('CONFLICT');
    const res = await s.as('curator')(UPDATE_CONDITION, {
      input: { id, expectedVersion: version, description: `step ${version}` },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data!.updateCondition.version).toBe(version + 1);
    if (version > 1) {
      const again = await s.as('curator')(UPDATE_CONDITION, {
        input: { id, expectedVersion: version - 1, description: 'late' },
      });
      expect(codeOf(again)).toBe('CONFLICT');
      expect(again.errors![0].extensions!.currentVersion).toBe(version + 1);
    }
  }
  expect(await read(id)).toMatchObject({ version: 6, description: 'step 5' });
  expect((await trail(id)).map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6]);
});

it('concurrent creates of one id: one entity, the others CONFLICT', async () => {
  const id = `condition:${s.prefix}-twin`;
  const results = await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      s.as('curator')(CREATE.Condition, {
        input: { id, name: `twin ${i}`, category: 'DISEASE', sourceIds: [s.sourceId] },
      }),
    ),
  );
  expect(results.filter((r) => r.errors === undefined)).toHaveLength(1);
  expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(4);
  const [row] = await s.db.read<{ n: number }>('test.twins', 'MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id });
  expect(row.n).toBe(1);
  expect((await trail(id)).map((e) => e.operation)).toEqual(['CREATE']);
});
