// Curation through real HTTP on the real Neo4j: who may do what (every caller against every kind of
// write), validation with field paths, references, versions, deletes with and without cascade,
// claims, the audit trail, import, and cache hygiene. Every refused write is checked to leave the
// graph exactly as it was: its counts, its checksum, its curation metadata and the audit trail.
import { Role } from '../../src/auth/roles';
import { linkMutationNames } from '../../src/graph/curation/naming';
import { RELATIONSHIPS } from '../../src/graph/relationships';
import {
  AUDIT_LOG,
  type Caller,
  codeOf,
  CREATE,
  DELETE,
  graphState,
  headersOf,
  IMPORT,
  LINK,
  makeClaim,
  makeCondition,
  startSuite,
  type Suite,
  UNLINK,
  UPDATE_CONDITION,
} from './support';

let s: Suite;
let counter = 0;
/** A fresh local id for each fixture. */
const fresh = (what: string) => `${what}-${++counter}`;

beforeAll(async () => {
  s = await startSuite('cur');
});
afterAll(async () => {
  await s.close();
});

/** Runs `attempt` and asserts it changed nothing at all. */
async function expectNothingWritten<T>(attempt: () => Promise<T>): Promise<T> {
  const before = await graphState(s.db, s.prefix);
  const result = await attempt();
  expect(await graphState(s.db, s.prefix)).toEqual(before);
  return result;
}

function problemsOf(res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) {
  return (res.errors?.[0]?.extensions?.validationErrors ?? []) as Array<{ path: string; message: string }>;
}

describe('who may write', () => {
  type Kind = 'create' | 'update' | 'link' | 'unlink' | 'delete' | 'cascadeDelete' | 'import';
  const CALLERS: Caller[] = [
    'anonymous',
    'badJwt',
    'expiredJwt',
    'wrongSignatureJwt',
    'unknownKey',
    'reader',
    'curator',
    'curatorJwt',
    'admin',
  ];
  const ALLOWED: Record<Kind, Role> = {
    create: Role.CURATOR,
    update: Role.CURATOR,
    link: Role.CURATOR,
    unlink: Role.CURATOR,
    delete: Role.ADMIN,
    cascadeDelete: Role.ADMIN,
    import: Role.ADMIN,
  };

  /** Prepares what the write needs (as an admin), then returns the write itself. */
  const PREPARE: Record<Kind, () => Promise<(caller: Caller) => Promise<any>>> = {
    create: async () => {
      const id = `condition:${s.prefix}-${fresh('new')}`;
      return (caller) =>
        s.as(caller)(CREATE.Condition, {
          input: { id, name: 'Created', category: 'DISEASE', sourceIds: [s.sourceId] },
        });
    },
    update: async () => {
      const id = await makeCondition(s, fresh('upd'));
      return (caller) => s.as(caller)(UPDATE_CONDITION, { input: { id, expectedVersion: 1, name: 'Renamed' } });
    },
    link: async () => {
      const [a, b] = [await makeCondition(s, fresh('la')), await makeCondition(s, fresh('lb'))];
      return (caller) =>
        s.as(caller)(LINK, {
          input: {
            subjectId: a,
            objectId: b,
            sourceIds: [s.sourceId],
            level: 'CASE_REPORT',
            knowledgeLevel: 'OBSERVATION',
          },
        });
    },
    unlink: async () => {
      const [a, b] = [await makeCondition(s, fresh('ua')), await makeCondition(s, fresh('ub'))];
      const claimId = await makeClaim(s, a, b);
      return (caller) => s.as(caller)(UNLINK, { input: { claimId } });
    },
    delete: async () => {
      const id = await makeCondition(s, fresh('del'));
      return (caller) => s.as(caller)(DELETE.Condition, { id });
    },
    cascadeDelete: async () => {
      const [a, b] = [await makeCondition(s, fresh('ca')), await makeCondition(s, fresh('cb'))];
      await makeClaim(s, a, b);
      return (caller) => s.as(caller)(DELETE.Condition, { id: a, cascade: true });
    },
    import: async () => {
      const local = fresh('imp');
      const source = `source:${s.prefix}-${local}`;
      const condition = `condition:${s.prefix}-${local}`;
      return (caller) =>
        s.as(caller)(IMPORT, {
          documents: [
            {
              kind: 'Source',
              records: [
                {
                  id: source,
                  name: 'Imported source',
                  kind: 'ONTOLOGY',
                  publisher: 'Test',
                  url: 'https://example.org/test',
                  recordVersion: '1',
                },
              ],
            },
            {
              kind: 'Condition',
              records: [{ id: condition, name: 'Imported', category: 'PHENOTYPE', sources: [source] }],
            },
          ],
        });
    },
  };

  const rank = { [Role.READER]: 0, [Role.CURATOR]: 1, [Role.ADMIN]: 2 };
  const cases = (Object.keys(PREPARE) as Kind[]).flatMap((kind) => CALLERS.map((caller) => [kind, caller] as const));

  it.each(cases)('%s by %s', async (kind, caller) => {
    const attempt = await PREPARE[kind]();
    const ROLES: Partial<Record<Caller, Role>> = {
      reader: Role.READER,
      curator: Role.CURATOR,
      curatorJwt: Role.CURATOR,
      admin: Role.ADMIN,
    };
    const role = ROLES[caller];
    if (role !== undefined && rank[role] >= rank[ALLOWED[kind]]) {
      const res = await attempt(caller);
      expect(res.errors).toBeUndefined();
      return;
    }
    const res = await expectNothingWritten(() => attempt(caller));
    // Mutation payloads are nullable: the refused field is null, not the whole `data`.
    expect(Object.values(res.data)).toEqual([null]);
    expect(codeOf(res)).toBe(role === undefined ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    if (caller === 'expiredJwt') {
      expect(res.errors[0].message).toMatch(/the token has expired/);
    }
    if (caller === 'wrongSignatureJwt') {
      expect(res.errors[0].message).toMatch(/signature is not valid/);
    }
    if (caller === 'unknownKey') {
      expect(res.errors[0].message).toMatch(/API key is not known/);
    }
    if (role !== undefined) {
      expect(res.errors[0].extensions.requiredRole).toBe(ALLOWED[kind]);
    }
  });

  it('still answers reads sent with a bad token, as for anyone', async () => {
    for (const caller of ['badJwt', 'expiredJwt', 'unknownKey'] as const) {
      const res = await s.as(caller)('{ conditions(first: 1) { edges { node { id } } } }');
      expect(res.errors).toBeUndefined();
      expect(res.data!.conditions.edges).toHaveLength(1);
    }
  });

  it('records who wrote: the API key name or the JWT subject, with the role', async () => {
    const id = await makeCondition(s, fresh('who'));
    const res = await s.as('curator')(AUDIT_LOG, { id });
    expect(res.data!.auditLog.edges[0].node).toMatchObject({ actor: 'key:adam', role: 'ADMIN', operation: 'CREATE' });
    const byCurator = await s.as('curator')(UPDATE_CONDITION, { input: { id, expectedVersion: 1, name: 'By cora' } });
    expect(byCurator.data!.updateCondition.updatedBy).toBe('key:cora');
    const byJwt = await s.as('curatorJwt')(UPDATE_CONDITION, { input: { id, expectedVersion: 2, name: 'By a JWT' } });
    expect(byJwt.data!.updateCondition.updatedBy).toBe('jwt:jwt-user@example.org');
    const log = await s.as('curatorJwt')(AUDIT_LOG, { id, first: 1 });
    expect(log.data!.auditLog.edges[0].node).toMatchObject({
      actor: 'jwt:jwt-user@example.org',
      role: 'CURATOR',
      version: 3,
    });
  });

  it('keeps the audit log from readers and anonymous callers', async () => {
    const id = await makeCondition(s, fresh('aud'));
    expect(codeOf(await s.as('anonymous')(AUDIT_LOG, { id }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await s.as('reader')(AUDIT_LOG, { id }))).toBe('FORBIDDEN');
    expect(codeOf(await s.as('expiredJwt')(AUDIT_LOG, { id }))).toBe('UNAUTHENTICATED');
    expect((await s.as('curator')(AUDIT_LOG, { id })).errors).toBeUndefined();
  });
});

describe('create', () => {
  it('stores the record as the seed loader does, at version 1, with its search text', async () => {
    const id = `condition:${s.prefix}-${fresh('c')}`;
    const res = await s.as('curator')(CREATE.Condition, {
      input: {
        id,
        name: 'Curated condition',
        description: 'Made by a test.',
        synonyms: ['first synonym', 'second synonym'],
        curie: 'MONDO:0000001',
        xrefs: ['MESH:D000001'],
        category: 'PHENOTYPE',
        sourceIds: [s.sourceId],
      },
    });
    expect(res.errors).toBeUndefined();
    const made = res.data!.createCondition;
    expect(made).toMatchObject({
      id,
      version: 1,
      updatedBy: 'key:cora',
      category: 'PHENOTYPE',
      sources: [{ id: s.sourceId }],
    });
    expect(made.createdAt).toBe(made.updatedAt);
    const [node] = await s.db.read<{ props: Record<string, unknown>; labels: string[] }>(
      'test.node',
      'MATCH (n:Entity {id: $id}) RETURN properties(n) AS props, labels(n) AS labels',
      { id },
    );
    expect(node.labels.sort()).toEqual(['Condition', 'Entity']);
    expect(node.props).toMatchObject({
      synonymsText: 'first synonym ; second synonym',
      identifiersText: 'MONDO:0000001 MESH:D000001',
      sourceIds: [s.sourceId],
    });
  });

  it('refuses a taken id with CONFLICT, naming it', async () => {
    const res = await expectNothingWritten(() =>
      s.as('curator')(CREATE.Condition, {
        input: { id: 'condition:back-pain', name: 'Again', category: 'DISEASE', sourceIds: [s.sourceId] },
      }),
    );
    expect(codeOf(res)).toBe('CONFLICT');
    expect(res.errors![0].message).toMatch(/condition:back-pain already exists/);
  });

  it('refuses an unknown source with NOT_FOUND, naming it', async () => {
    const missing = `source:${s.prefix}-nowhere`;
    const res = await expectNothingWritten(() =>
      s.as('curator')(CREATE.Condition, {
        input: {
          id: `condition:${s.prefix}-${fresh('d')}`,
          name: 'Dangling',
          category: 'DISEASE',
          sourceIds: [missing],
        },
      }),
    );
    expect(codeOf(res)).toBe('NOT_FOUND');
    expect(res.errors![0].message).toContain(missing);
    expect(res.errors![0].extensions!.ids).toEqual([missing]);
  });

  it('reports every invalid field with its path, and writes nothing', async () => {
    const res = await expectNothingWritten(() =>
      s.as('curator')(CREATE.Trial, {
        input: {
          id: 'trial:Not Valid',
          name: 'x'.repeat(301),
          curie: 'not a curie',
          registryId: 'NCT123',
          startYear: 1800,
          synonyms: ['   '],
          sourceIds: [],
          phase: 'PHASE_2',
          design: 'RANDOMISED_CONTROLLED_TRIAL',
          evidenceLevel: 'RANDOMISED_CONTROLLED_TRIAL',
          status: 'COMPLETED',
        },
      }),
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const paths = problemsOf(res).map((p) => p.path);
    for (const path of [
      'input.id',
      'input.name',
      'input.curie',
      'input.registryId',
      'input.startYear',
      'input.synonyms',
      'input.sourceIds',
    ]) {
      expect(paths).toContain(path);
      expect(res.errors![0].message).toContain(path);
    }
    expect(problemsOf(res).find((p) => p.path === 'input.registryId')!.message).toMatch(
      /NCT number such as NCT01290367/,
    );
    expect(problemsOf(res).find((p) => p.path === 'input.startYear')!.message).toMatch(/at least 1900/);
  });

  it('checks URLs', async () => {
    const res = await expectNothingWritten(() =>
      s.as('curator')(CREATE.Source, {
        input: {
          id: `source:${s.prefix}-${fresh('u')}`,
          name: 'Bad link',
          kind: 'ONTOLOGY',
          publisher: 'Test',
          recordVersion: '1',
          url: 'ftp://example.org/x',
        },
      }),
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res)).toEqual([{ path: 'input.url', message: 'must be an http(s) URL' }]);
  });

  it('refuses values outside an enum before anything runs', async () => {
    const res = await expectNothingWritten(() =>
      s.as('curator')(
        `mutation($id: ID!, $source: ID!) {
          createCondition(input: {id: $id, name: "Enum", category: ILLNESS, sourceIds: [$source]}) { id }
        }`,
        { id: `condition:${s.prefix}-${fresh('e')}`, source: s.sourceId },
      ),
    );
    expect(codeOf(res)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0].message).toMatch(/ILLNESS/);
  });
});

describe('update', () => {
  it('changes only the fields given, removes those set to null, and moves the version on', async () => {
    const local = fresh('u');
    const id = await makeCondition(s, local, { curie: 'MONDO:0000002', synonyms: ['old name'] });
    const res = await s.as('curator')(UPDATE_CONDITION, {
      input: { id, expectedVersion: 1, description: 'Now described.', curie: null, synonyms: ['new name'] },
    });
    expect(res.errors).toBeUndefined();
    const updated = res.data!.updateCondition;
    expect(updated).toMatchObject({
      id,
      name: `${s.prefix} ${local}`,
      description: 'Now described.',
      curie: null,
      synonyms: ['new name'],
      version: 2,
      updatedBy: 'key:cora',
    });
    expect(updated.updatedAt > updated.createdAt).toBe(true);
    const [node] = await s.db.read<{ props: Record<string, unknown> }>(
      'test.node',
      'MATCH (n:Entity {id: $id}) RETURN properties(n) AS props',
      { id },
    );
    expect(node.props.synonymsText).toBe('new name');
    expect(node.props.identifiersText).toBe('');
    expect(node.props).not.toHaveProperty('curie');
  });

  it('refuses a stale version with CONFLICT and changes nothing', async () => {
    const id = await makeCondition(s, fresh('stale'));
    expect(
      (await s.as('curator')(UPDATE_CONDITION, { input: { id, expectedVersion: 1, name: 'First' } })).errors,
    ).toBeUndefined();
    const res = await expectNothingWritten(() =>
      s.as('curator')(UPDATE_CONDITION, { input: { id, expectedVersion: 1, name: 'Second' } }),
    );
    expect(codeOf(res)).toBe('CONFLICT');
    expect(res.errors![0].extensions!.currentVersion).toBe(2);
    expect(res.errors![0].message).toMatch(/version 2, not 1/);
  });

  it('refuses to remove a required field, naming it', async () => {
    const id = await makeCondition(s, fresh('req'));
    const res = await expectNothingWritten(() =>
      s.as('curator')(UPDATE_CONDITION, { input: { id, expectedVersion: 1, name: null, sourceIds: null } }),
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(
      problemsOf(res)
        .map((p) => p.path)
        .sort(),
    ).toEqual(['input.name', 'input.sourceIds']);
  });

  it('answers NOT_FOUND for an unknown id or an id of another type, and checks new sources', async () => {
    const unknown = await expectNothingWritten(() =>
      s.as('curator')(UPDATE_CONDITION, {
        input: { id: `condition:${s.prefix}-ghost`, expectedVersion: 1, name: 'x' },
      }),
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
    const id = await makeCondition(s, fresh('src'));
    const dangling = await expectNothingWritten(() =>
      s.as('curator')(UPDATE_CONDITION, {
        input: { id, expectedVersion: 1, sourceIds: [s.sourceId, `source:${s.prefix}-ghost`] },
      }),
    );
    expect(codeOf(dangling)).toBe('NOT_FOUND');
    expect(dangling.errors![0].message).toContain(`source:${s.prefix}-ghost`);
  });

  it('writes nothing, not even a version, when nothing changes', async () => {
    const id = await makeCondition(s, fresh('same'));
    const res = await expectNothingWritten(() =>
      s.as('curator')(UPDATE_CONDITION, { input: { id, expectedVersion: 1, category: 'DISEASE' } }),
    );
    expect(res.data!.updateCondition.version).toBe(1);
  });

  it('serves each mutation of one request the data the previous one wrote', async () => {
    const id = await makeCondition(s, fresh('two'));
    const res = await s.as('curator')(
      `mutation($id: ID!) {
        a: updateCondition(input: {id: $id, expectedVersion: 1, name: "A"}) { name version }
        b: updateCondition(input: {id: $id, expectedVersion: 2, name: "B"}) { name version }
      }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ a: { name: 'A', version: 2 }, b: { name: 'B', version: 3 } });
  });
});

describe('claims', () => {
  it('links two entities with sources and evidence, under a readable generated id', async () => {
    const [a, b] = [await makeCondition(s, fresh('pa')), await makeCondition(s, fresh('pb'))];
    const res = await s.as('curator')(LINK, {
      input: {
        subjectId: a,
        objectId: b,
        sourceIds: [s.sourceId],
        level: 'OBSERVATIONAL_STUDY',
        knowledgeLevel: 'STATISTICAL_ASSOCIATION',
        note: 'Seen in a cohort.',
      },
    });
    expect(res.errors).toBeUndefined();
    const claim = res.data!.linkConditionContributesToCondition;
    const local = (id: string) => id.slice(id.indexOf(':') + 1);
    expect(claim).toEqual({
      id: `claim:${local(a)}-contributes-to-${local(b)}`,
      type: 'CONTRIBUTES_TO',
      subject: { id: a },
      object: { id: b },
      evidence: {
        claimId: claim.id,
        level: 'OBSERVATIONAL_STUDY',
        knowledgeLevel: 'STATISTICAL_ASSOCIATION',
        agentType: 'MANUAL_AGENT',
        note: 'Seen in a cohort.',
        sourceIds: [s.sourceId],
        sources: [{ id: s.sourceId }],
      },
    });
    // A second claim between the same two (another study, say) gets the next number.
    expect(await makeClaim(s, a, b)).toBe(`${claim.id}-2`);
    // And the read API shows both, with their evidence.
    const read = await s.as('anonymous')(
      `query($id: ID!) { condition(id: $id) { contributesTo { edges { node { id } evidence { claimId } } } } }`,
      { id: a },
    );
    expect(read.data!.condition.contributesTo.edges.map((e: any) => e.evidence.claimId).sort()).toEqual([
      claim.id,
      `${claim.id}-2`,
    ]);
  });

  it('refuses an uncited claim', async () => {
    const [a, b] = [await makeCondition(s, fresh('na')), await makeCondition(s, fresh('nb'))];
    const res = await expectNothingWritten(() =>
      s.as('curator')(LINK, {
        input: { subjectId: a, objectId: b, sourceIds: [], level: 'CASE_REPORT', knowledgeLevel: 'OBSERVATION' },
      }),
    );
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(problemsOf(res)).toEqual([{ path: 'input.sourceIds', message: 'must have at least 1 item' }]);
    // Without an evidence level, the request does not even reach the resolver.
    const noLevel = await expectNothingWritten(() =>
      s.as('curator')(
        `mutation($a: ID!, $b: ID!, $source: ID!) {
          linkConditionContributesToCondition(input: {subjectId: $a, objectId: $b, sourceIds: [$source], knowledgeLevel: OBSERVATION}) { id }
        }`,
        { a, b, source: s.sourceId },
      ),
    );
    expect(codeOf(noLevel)).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(noLevel.errors![0].message).toMatch(/LinkInput.level/);
  });

  it('refuses dangling ends and sources with NOT_FOUND, naming them', async () => {
    const a = await makeCondition(s, fresh('da'));
    const ghost = `condition:${s.prefix}-ghost`;
    const end = await expectNothingWritten(() =>
      s.as('curator')(LINK, {
        input: {
          subjectId: a,
          objectId: ghost,
          sourceIds: [s.sourceId],
          level: 'CASE_REPORT',
          knowledgeLevel: 'OBSERVATION',
        },
      }),
    );
    expect(codeOf(end)).toBe('NOT_FOUND');
    expect(end.errors![0].message).toContain(`no Condition has the id "${ghost}"`);
    const b = await makeCondition(s, fresh('db'));
    const source = await expectNothingWritten(() =>
      s.as('curator')(LINK, {
        input: {
          subjectId: a,
          objectId: b,
          sourceIds: ['source:nowhere'],
          level: 'CASE_REPORT',
          knowledgeLevel: 'OBSERVATION',
        },
      }),
    );
    expect(codeOf(source)).toBe('NOT_FOUND');
    expect(source.errors![0].message).toContain('source:nowhere');
  });

  it('refuses ends of the wrong type for the relationship, and a taken claim id', async () => {
    const a = await makeCondition(s, fresh('wa'));
    const wrong = await expectNothingWritten(() =>
      s.as('curator')(LINK, {
        input: {
          subjectId: a,
          objectId: s.sourceId,
          sourceIds: [s.sourceId],
          level: 'CASE_REPORT',
          knowledgeLevel: 'OBSERVATION',
        },
      }),
    );
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(problemsOf(wrong)).toEqual([
      { path: 'input.objectId', message: 'must be the id of a Condition (condition:lower-case-words)' },
    ]);
    const b = await makeCondition(s, fresh('wb'));
    const claimId = `claim:${s.prefix}-${fresh('taken')}`;
    await makeClaim(s, a, b, claimId);
    const taken = await expectNothingWritten(() =>
      s.as('curator')(LINK, {
        input: {
          id: claimId,
          subjectId: b,
          objectId: a,
          sourceIds: [s.sourceId],
          level: 'CASE_REPORT',
          knowledgeLevel: 'OBSERVATION',
        },
      }),
    );
    expect(codeOf(taken)).toBe('CONFLICT');
    expect(taken.errors![0].message).toContain(claimId);
  });

  it('unlinks by claim id or by ends, and asks which when the ends hold several', async () => {
    const [a, b] = [await makeCondition(s, fresh('xa')), await makeCondition(s, fresh('xb'))];
    const first = await makeClaim(s, a, b);
    const second = await makeClaim(s, a, b);
    const ambiguous = await expectNothingWritten(() =>
      s.as('curator')(UNLINK, { input: { subjectId: a, objectId: b } }),
    );
    expect(codeOf(ambiguous)).toBe('CONFLICT');
    expect(ambiguous.errors![0].extensions!.claimIds).toEqual([first, second]);

    const byId = await s.as('curator')(UNLINK, { input: { claimId: first } });
    expect(byId.data!.unlinkConditionContributesToCondition).toEqual({
      id: first,
      type: 'CONTRIBUTES_TO',
      subject: { id: a },
      object: { id: b },
    });
    const byEnds = await s.as('curator')(UNLINK, { input: { subjectId: a, objectId: b } });
    expect(byEnds.data!.unlinkConditionContributesToCondition.id).toBe(second);

    const gone = await expectNothingWritten(() => s.as('curator')(UNLINK, { input: { claimId: first } }));
    expect(codeOf(gone)).toBe('NOT_FOUND');
    const neither = await expectNothingWritten(() => s.as('curator')(UNLINK, { input: { subjectId: a } }));
    expect(codeOf(neither)).toBe('BAD_USER_INPUT');
  });

  it('names every link mutation after the catalogue', () => {
    const names = RELATIONSHIPS.map((def) => linkMutationNames(def).link);
    expect(new Set(names).size).toBe(RELATIONSHIPS.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'linkTrialCondition',
        'linkCellTypeMechanism',
        'linkConditionContributesToCondition',
        'linkConditionSubclassOfCondition',
        'linkCellTypeSubclassOfCellType',
      ]),
    );
  });
});

describe('delete', () => {
  it('refuses to leave dangling claims, unless an admin cascades', async () => {
    const [a, b] = [await makeCondition(s, fresh('ka')), await makeCondition(s, fresh('kb'))];
    const claimId = await makeClaim(s, a, b);
    const refused = await expectNothingWritten(() => s.as('admin')(DELETE.Condition, { id: a }));
    expect(codeOf(refused)).toBe('CONFLICT');
    expect(refused.errors![0].extensions!.claimIds).toEqual([claimId]);
    expect(refused.errors![0].message).toMatch(/cascade: true/);

    const res = await s.as('admin')(DELETE.Condition, { id: a, cascade: true });
    expect(res.data!.deleteCondition).toEqual({ id: a, type: 'Condition', deletedClaimIds: [claimId], uncitedIds: [] });
    const [left] = await s.db.read<{ n: number; r: number }>(
      'test.left',
      'OPTIONAL MATCH (n:Entity {id: $a}) WITH count(n) AS n OPTIONAL MATCH ()-[r:CONTRIBUTES_TO {id: $claimId}]->() RETURN n, count(r) AS r',
      { a, claimId },
    );
    expect(left).toEqual({ n: 0, r: 0 });
  });

  it('checks the version it is given, and the type the mutation names', async () => {
    const id = await makeCondition(s, fresh('kv'));
    const stale = await expectNothingWritten(() => s.as('admin')(DELETE.Condition, { id, v: 7 }));
    expect(codeOf(stale)).toBe('CONFLICT');
    const wrongType = await expectNothingWritten(() => s.as('admin')(DELETE.Condition, { id: s.sourceId }));
    expect(codeOf(wrongType)).toBe('BAD_USER_INPUT');
    expect((await s.as('admin')(DELETE.Condition, { id, v: 1 })).errors).toBeUndefined();
  });

  it('removes a cited Source from what cites it, but never leaves an entity without a source', async () => {
    const extra = `source:${s.prefix}-${fresh('extra')}`;
    expect(
      (
        await s.as('admin')(CREATE.Source, {
          input: {
            id: extra,
            name: 'Extra',
            kind: 'PEER_REVIEWED_ARTICLE',
            year: 2024,
            authors: 'Test et al.',
            journal: 'Test J',
            doi: '10.5555/discgraph-extra',
          },
        })
      ).errors,
    ).toBeUndefined();
    const both = await makeCondition(s, fresh('both'), { sourceIds: [s.sourceId, extra] });
    const only = await makeCondition(s, fresh('only'), { sourceIds: [extra] });
    const lone = await expectNothingWritten(() => s.as('admin')(DELETE.Source, { id: extra, cascade: true }));
    expect(codeOf(lone)).toBe('CONFLICT');
    expect(lone.errors![0].message).toContain(`only source of ${only}`);

    // Once the other entity cites something else too, the cascade goes through.
    await s.as('curator')(UPDATE_CONDITION, {
      input: { id: only, expectedVersion: 1, sourceIds: [extra, s.sourceId] },
    });
    const claimId = await (async () => {
      const res = await s.as('curator')(LINK, {
        input: {
          subjectId: both,
          objectId: only,
          sourceIds: [extra],
          level: 'CASE_REPORT',
          knowledgeLevel: 'OBSERVATION',
        },
      });
      return res.data!.linkConditionContributesToCondition.id as string;
    })();
    const plain = await expectNothingWritten(() => s.as('admin')(DELETE.Source, { id: extra }));
    expect(codeOf(plain)).toBe('CONFLICT');
    const res = await s.as('admin')(DELETE.Source, { id: extra, cascade: true });
    expect(res.errors).toBeUndefined();
    expect(res.data!.deleteSource.deletedClaimIds).toEqual([claimId]);
    expect(res.data!.deleteSource.uncitedIds.sort()).toEqual([both, only].sort());
    const after = await s.as('anonymous')(
      `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Condition { id version sources { id } } } }`,
      {
        ids: [both, only],
      },
    );
    expect(after.data!.nodes).toEqual([
      { id: both, version: 2, sources: [{ id: s.sourceId }] },
      { id: only, version: 3, sources: [{ id: s.sourceId }] },
    ]);
  });
});

describe('audit trail', () => {
  it('lists every write of an entity and its claims, newest first, with before and after', async () => {
    const local = fresh('hist');
    const id = await makeCondition(s, local, { description: 'v1' });
    await s.as('curator')(UPDATE_CONDITION, { input: { id, expectedVersion: 1, description: 'v2' } });
    await s.as('curator')(UPDATE_CONDITION, { input: { id, expectedVersion: 2, description: 'v3', synonyms: ['s'] } });
    const other = await makeCondition(s, fresh('hist-other'));
    const claimId = await makeClaim(s, other, id);

    const all = await s.as('curator')(AUDIT_LOG, { id });
    expect(all.errors).toBeUndefined();
    const nodes = all.data!.auditLog.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => [n.operation, n.targetId, n.version])).toEqual([
      ['LINK', claimId, null],
      ['UPDATE', id, 3],
      ['UPDATE', id, 2],
      ['CREATE', id, 1],
    ]);
    expect(nodes[1].changes).toEqual([
      { field: 'description', before: 'v2', after: 'v3' },
      { field: 'synonyms', before: null, after: ['s'] },
    ]);
    expect(nodes[2]).toMatchObject({ actor: 'key:cora', role: 'CURATOR', targetType: 'Condition' });
    expect(nodes[0]).toMatchObject({ targetType: 'CONTRIBUTES_TO', subjectId: other, objectId: id });
    expect(nodes[3].changes).toEqual(
      expect.arrayContaining([
        { field: 'name', before: null, after: `${s.prefix} ${local}` },
        { field: 'sourceIds', before: null, after: [s.sourceId] },
      ]),
    );

    // Pages follow one another without gaps or repeats.
    const first = await s.as('curator')(AUDIT_LOG, { id, first: 3 });
    expect(first.data!.auditLog.pageInfo.hasNextPage).toBe(true);
    const rest = await s.as('curator')(AUDIT_LOG, { id, first: 3, after: first.data!.auditLog.pageInfo.endCursor });
    expect([...first.data!.auditLog.edges, ...rest.data!.auditLog.edges].map((e: any) => e.node.id)).toEqual(
      nodes.map((n: any) => n.id),
    );
    expect(rest.data!.auditLog.pageInfo.hasNextPage).toBe(false);

    // History outlives the entity.
    await s.as('admin')(DELETE.Condition, { id, cascade: true });
    const afterDelete = await s.as('curator')(AUDIT_LOG, { id, first: 2 });
    expect(afterDelete.data!.auditLog.edges.map((e: any) => e.node.operation)).toEqual(['DELETE', 'UNLINK']);
  });
});

describe('importGraph', () => {
  const documents = (local: string, name = 'Imported condition') => {
    const source = `source:${s.prefix}-${local}`;
    const a = `condition:${s.prefix}-${local}-a`;
    const b = `condition:${s.prefix}-${local}-b`;
    return {
      ids: { source, a, b, claim: `claim:${s.prefix}-${local}` },
      documents: [
        {
          kind: 'Source',
          records: [
            {
              id: source,
              name: 'Imported source',
              kind: 'PEER_REVIEWED_ARTICLE',
              year: 2023,
              authors: 'Test et al.',
              journal: 'Test J',
              doi: '10.5555/discgraph-test',
            },
          ],
        },
        {
          kind: 'Condition',
          records: [
            { id: a, name, category: 'DISEASE', sources: [source] },
            { id: b, name: 'Imported parent', category: 'DISEASE', sources: [source] },
          ],
        },
        {
          kind: 'Claim',
          records: [
            {
              id: `claim:${s.prefix}-${local}`,
              type: 'SUBCLASS_OF',
              subject: a,
              object: b,
              level: 'CURATED_DATABASE',
              knowledgeLevel: 'KNOWLEDGE_ASSERTION',
              sources: [source],
            },
          ],
        },
      ],
    };
  };

  it('imports seed documents, and re-importing them changes nothing', async () => {
    const local = fresh('imp');
    const { ids, documents: docs } = documents(local);
    const first = await s.as('admin')(IMPORT, { documents: docs });
    expect(first.errors).toBeUndefined();
    expect(first.data!.importGraph).toEqual({ entities: 3, claims: 1, created: 4, changed: 0, unchanged: 0 });
    const again = await expectNothingWritten(() => s.as('admin')(IMPORT, { documents: docs }));
    expect(again.data!.importGraph).toEqual({ entities: 3, claims: 1, created: 0, changed: 0, unchanged: 4 });

    const changed = await s.as('admin')(IMPORT, { documents: documents(local, 'Renamed by import').documents });
    expect(changed.data!.importGraph).toMatchObject({ created: 0, changed: 1, unchanged: 3 });
    const node = await s.as('curator')(`query($id: ID!) { condition(id: $id) { name version updatedBy } }`, {
      id: ids.a,
    });
    expect(node.data!.condition).toEqual({ name: 'Renamed by import', version: 2, updatedBy: 'key:adam' });
    const log = await s.as('curator')(AUDIT_LOG, { id: ids.a, first: 1 });
    expect(log.data!.auditLog.edges[0].node).toMatchObject({
      operation: 'IMPORT',
      version: 2,
      changes: [{ field: 'name', before: 'Imported condition', after: 'Renamed by import' }],
    });
  });

  it('refuses the whole import when any record is invalid, listing every problem', async () => {
    const { ids, documents: docs } = documents(fresh('bad'));
    docs[1].records.push({
      id: `condition:${s.prefix}-bad-c`,
      name: '',
      category: 'ILLNESS',
      sources: ['source:nowhere'],
    } as never);
    docs[2].records.push({ ...docs[2].records[0], id: 'claim:x', sources: [] } as never);
    const res = await expectNothingWritten(() => s.as('admin')(IMPORT, { documents: docs }));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    const problems = res.errors![0].extensions!.problems as Array<Record<string, string>>;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'documents[1]', record: `condition:${s.prefix}-bad-c`, field: 'name' }),
        expect.objectContaining({ file: 'documents[1]', record: `condition:${s.prefix}-bad-c`, field: 'category' }),
        expect.objectContaining({ file: 'documents[1]', record: `condition:${s.prefix}-bad-c`, field: 'sources.0' }),
        expect.objectContaining({ file: 'documents[2]', record: 'claim:x', field: 'sources' }),
      ]),
    );
    expect(res.errors![0].message).toMatch(/nothing was written/);
    const none = await s.as('anonymous')(`query($id: ID!) { source(id: $id) { id } }`, { id: ids.source });
    expect(none.data!.source).toBeNull();
    expect(none.errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('refuses to move an existing claim to other ends', async () => {
    const local = fresh('mv');
    const { documents: docs } = documents(local);
    expect((await s.as('admin')(IMPORT, { documents: docs })).errors).toBeUndefined();
    const claim = docs[2].records[0] as Record<string, unknown>;
    [claim.subject, claim.object] = [claim.object, claim.subject];
    const res = await expectNothingWritten(() => s.as('admin')(IMPORT, { documents: docs }));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect((res.errors![0].extensions!.problems as unknown[])[0]).toMatchObject({ record: claim.id, field: 'type' });
  });
});

describe('caching', () => {
  async function post(query: string, variables: Record<string, unknown>, caller: Caller) {
    const response = await fetch(s.t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await headersOf(caller)) },
      body: JSON.stringify({ query, variables }),
    });
    return { cacheControl: response.headers.get('cache-control'), body: (await response.json()) as any };
  }

  it('never marks a mutation or an audit log cacheable, and reads after a write see it', async () => {
    const id = await makeCondition(s, fresh('cache'));
    const read = `query($id: ID!) { condition(id: $id) { name version } }`;
    const before = await post(read, { id }, 'anonymous');
    expect(before.cacheControl).toBe(`max-age=${s.t.config.cacheMaxAgeSeconds}, public`);

    const write = await post(UPDATE_CONDITION, { input: { id, expectedVersion: 1, name: 'Fresh' } }, 'curator');
    expect(write.body.errors).toBeUndefined();
    expect(write.cacheControl).toBe('no-store');

    const after = await post(read, { id }, 'anonymous');
    expect(after.body.data.condition).toEqual({ name: 'Fresh', version: 2 });
    expect((await post(AUDIT_LOG, { id }, 'curator')).cacheControl).toBe('no-store');
    // The audit log as one field of a read, through a fragment, still makes the response private.
    const mixed = await post(
      `query($id: ID!) { condition(id: $id) { name } ...log } fragment log on Query { auditLog(entityId: $id) { pageInfo { hasNextPage } } }`,
      { id },
      'curator',
    );
    expect(mixed.body.errors).toBeUndefined();
    expect(mixed.cacheControl).toBe('no-store');
    expect(
      (await post(UPDATE_CONDITION, { input: { id, expectedVersion: 1, name: 'x' } }, 'curator')).cacheControl,
    ).toBe('no-store');
  });
});
