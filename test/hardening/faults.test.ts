// Faults under load: eight clients send a steady mix of reads and curation writes while the
// database stops and starts again under a running server. While it is down, requests fail with
// DATABASE_UNAVAILABLE within the request deadline; while it stops and starts, they still get a
// client code (never a masked INTERNAL_SERVER_ERROR, never an HTTP 5xx) within the deadline; the
// server recovers with no restart; every acknowledged write is in the database afterwards with its
// audit entry; and no write is half-applied: one that failed is either wholly there (committed,
// reply lost) or not there at all. Uses its own local Neo4j so the shared one is never disturbed.
//
// The burst is sequenced, not timed: it runs until writes have been acknowledged, then Neo4j is
// stopped and the clients keep sending until enough requests have failed, then Neo4j is started
// again and the clients keep sending until enough requests have succeeded.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateApiKey } from '../../src/auth/apiKeys';
import { freePort } from '../../src/common/ports';
import { Role } from '../../src/auth/roles';
import type { Database } from '../../src/db/database';
import { startLocalNeo4j, stopLocalNeo4j } from '../../src/db/localNeo4j';
import { migrate } from '../../src/db/migrations';
import { AUDIT_LABEL } from '../../src/graph/model';
import { seedFrom } from '../../src/seed';
import { openDatabase, startTestServer, testConfig, type TestServer } from '../support/harness';

const CLIENTS = 8;
/** Enough of each outcome that neither "acknowledged" nor "failed" can hold vacuously. */
const ACKED_BEFORE = 12;
const FAILED_DURING = 8;
const ACKED_AFTER = 12;
/** The least time the clients keep meeting a stopped database before it starts again. */
const OUTAGE_MS = 4_000;

const SOURCE = 'source:article-stem-cell-therapy-lbp';
const ANCHOR = 'condition:low-back-pain';
const CURATOR = generateApiKey('faults', Role.CURATOR);
const ACTOR = 'key:faults';
const READS = ['{ stats { totalNodes } }', '{ trials(first: 5) { totalCount edges { node { id name } } } }'];
const CREATE = 'mutation($input: CreateConditionInput!) { createCondition(input: $input) { id version } }';
const LINK = 'mutation($input: LinkInput!) { linkConditionContributesToCondition(input: $input) { id } }';

type Kind = 'read' | 'create' | 'link';

interface Attempt {
  kind: Kind;
  /** The id a write creates: an entity's or a claim's. */
  target?: string;
  /** A link's subject (its object is ANCHOR). */
  subject?: string;
  /** A create's name. */
  name?: string;
  requestId: string;
  started: number;
  ended: number;
  /** 0 when no HTTP response came back. */
  status: number;
  codes: string[];
  /** The response had data and no errors. */
  acknowledged: boolean;
  networkError?: string;
}

/** What the database holds of one write. */
type WriteState = 'whole' | 'none' | `partial: ${string}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, ready: () => boolean, timeoutMs = 240_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    }
    await sleep(50);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  }
  return groups;
}

const matches = (actual: Record<string, unknown>, expected: Record<string, unknown>) =>
  Object.entries(expected).every(([key, value]) => JSON.stringify(actual[key]) === JSON.stringify(value));

const isWrite = (a: Attempt) => a.kind !== 'read';
/** For failure messages: the attempt without the noise. */
const brief = (a: Attempt) => ({
  kind: a.kind,
  target: a.target,
  requestId: a.requestId,
  ms: a.ended - a.started,
  status: a.status,
  codes: a.codes,
  networkError: a.networkError,
});

describe('faults under a burst of reads and writes', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'discgraph-faults-'));
  const prefix = `faults-${randomBytes(4).toString('hex')}`;
  let t: TestServer;
  /** A driver of our own, to read back what the server wrote. */
  let direct: Database;
  const attempts: Attempt[] = [];
  /** When the stop was asked for, when Neo4j had exited, when the start was asked for, when it answered. */
  const at = { stopBegan: 0, downAt: 0, restartBegan: 0, upAt: 0 };

  async function send(
    kind: Kind,
    query: string,
    variables: Record<string, unknown> = {},
    write: Pick<Attempt, 'target' | 'subject' | 'name'> = {},
  ): Promise<Attempt> {
    const attempt: Attempt = {
      kind,
      ...write,
      requestId: `${prefix}-${attempts.length + 1}-${randomBytes(2).toString('hex')}`,
      started: Date.now(),
      ended: 0,
      status: 0,
      codes: [],
      acknowledged: false,
    };
    try {
      const response = await fetch(t.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-request-id': attempt.requestId,
          ...(kind === 'read' ? {} : { authorization: `Bearer ${CURATOR.key}` }),
        },
        body: JSON.stringify({ query, variables }),
      });
      attempt.status = response.status;
      const text = await response.text();
      let body: { data?: unknown; errors?: Array<{ extensions?: { code?: unknown } }> };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        body = { errors: [{ extensions: { code: `(not JSON: ${text.slice(0, 200)})` } }] };
      }
      attempt.codes = (body.errors ?? []).map((e) => String(e.extensions?.code));
      attempt.acknowledged = response.status === 200 && body.data != null && body.errors === undefined;
    } catch (error) {
      attempt.networkError = String(error);
    }
    attempt.ended = Date.now();
    attempts.push(attempt);
    return attempt;
  }

  /** One client: a read, then a write (a create, or a link of the entity it just created), and so on. */
  async function client(index: number, stopped: () => boolean): Promise<void> {
    let unlinked: string | undefined;
    for (let n = 0; !stopped(); n++) {
      await send('read', READS[(index + n) % READS.length]);
      if (stopped()) {
        break;
      }
      if (unlinked === undefined) {
        const id = `condition:${prefix}-c${index}-${n}`;
        const name = `Fault test condition ${index}.${n}`;
        const res = await send(
          'create',
          CREATE,
          { input: { id, name, category: 'DISEASE', sourceIds: [SOURCE] } },
          { target: id, name },
        );
        unlinked = res.acknowledged ? id : undefined;
      } else {
        const id = `claim:${prefix}-l${index}-${n}`;
        const input = {
          id,
          subjectId: unlinked,
          objectId: ANCHOR,
          sourceIds: [SOURCE],
          level: 'EXPERT_OR_NARRATIVE',
          knowledgeLevel: 'OBSERVATION',
        };
        await send('link', LINK, { input }, { target: id, subject: unlinked });
        unlinked = undefined;
      }
      // A steady stream rather than a hot loop on a small machine.
      await sleep(20);
    }
  }

  const count = (test: (a: Attempt) => boolean) => attempts.filter(test).length;

  beforeAll(async () => {
    const local = { dir, port: await freePort(), heap: '512m', pageCache: '128m' };
    const neo4j = await startLocalNeo4j(local);
    direct = openDatabase(testConfig({ NEO4J_URI: neo4j.uri }));
    await migrate(direct.executor());
    await seedFrom(direct.executor(), 'seed');
    t = await startTestServer({
      NEO4J_URI: neo4j.uri,
      REQUEST_TIMEOUT_MS: '8000',
      NEO4J_MAX_RETRY_MS: '2000',
      API_KEYS: CURATOR.entry,
      RATE_LIMIT_PER_MINUTE: '0',
    });

    let done = false;
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i, () => done));
    try {
      await until(
        'acknowledged writes before the outage',
        () => count((a) => isWrite(a) && a.acknowledged) >= ACKED_BEFORE,
      );

      at.stopBegan = Date.now();
      await stopLocalNeo4j({ dir });
      at.downAt = Date.now();
      const down = (a: Attempt) => a.started >= at.downAt;
      await until(
        'failed reads and writes while Neo4j is down',
        () =>
          Date.now() - at.downAt >= OUTAGE_MS &&
          count((a) => down(a) && isWrite(a) && !a.acknowledged) >= FAILED_DURING &&
          count((a) => down(a) && a.kind === 'read' && !a.acknowledged) >= FAILED_DURING,
      );

      at.restartBegan = Date.now();
      await startLocalNeo4j(local);
      at.upAt = Date.now();
      const up = (a: Attempt) => a.started >= at.upAt;
      await until(
        'acknowledged reads and writes after the restart',
        () =>
          count((a) => up(a) && isWrite(a) && a.acknowledged) >= ACKED_AFTER &&
          count((a) => up(a) && a.kind === 'read' && a.acknowledged) >= ACKED_AFTER,
      );
    } finally {
      done = true;
      await Promise.all(clients);
    }
  }, 900_000);

  afterAll(async () => {
    await t?.close();
    await direct?.close();
    await stopLocalNeo4j({ dir });
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('answers DATABASE_UNAVAILABLE within the deadline while Neo4j is down', () => {
    const whileDown = attempts.filter((a) => a.started >= at.downAt && a.ended <= at.restartBegan);
    expect(whileDown.filter((a) => a.kind === 'read').length).toBeGreaterThanOrEqual(FAILED_DURING);
    expect(whileDown.filter(isWrite).length).toBeGreaterThanOrEqual(FAILED_DURING);
    const unexpected = whileDown.filter(
      (a) =>
        a.status !== 200 || a.acknowledged || a.codes.length === 0 || a.codes.some((c) => c !== 'DATABASE_UNAVAILABLE'),
    );
    expect(unexpected.map(brief)).toEqual([]);
    // Not a wall-clock assertion on speed: it checks that the configured deadlines bound the wait.
    const bound = t.config.requestTimeoutMs + t.config.neo4jConnectionTimeoutMs;
    expect(whileDown.filter((a) => a.ended - a.started >= bound).map(brief)).toEqual([]);
  });

  it('answers every request over HTTP 200 with a client error code, also while Neo4j stops and starts', () => {
    // README#errors: /graphql answers an unavailable or slow database with 200 and a code; 5xx and
    // INTERNAL_SERVER_ERROR mean a bug.
    expect(attempts.filter((a) => a.networkError !== undefined || a.status !== 200).map(brief)).toEqual([]);
    const unexpected = attempts.filter(
      (a) =>
        !a.acknowledged &&
        (a.codes.length === 0 || a.codes.some((c) => c !== 'DATABASE_UNAVAILABLE' && c !== 'TIMEOUT')),
    );
    expect(unexpected.map(brief)).toEqual([]);
  });

  it('ends every failing request within the deadline, also while Neo4j stops and starts', () => {
    const bound = t.config.requestTimeoutMs + t.config.neo4jConnectionTimeoutMs;
    expect(attempts.filter((a) => !a.acknowledged && a.ended - a.started >= bound).map(brief)).toEqual([]);
  });

  it('recovers without a restart', async () => {
    expect((await fetch(`${t.origin}/readyz`)).status).toBe(200);
    const afterUp = attempts.filter((a) => a.started >= at.upAt && a.acknowledged);
    expect(afterUp.filter((a) => a.kind === 'read').length).toBeGreaterThanOrEqual(ACKED_AFTER);
    expect(afterUp.filter(isWrite).length).toBeGreaterThanOrEqual(ACKED_AFTER);
    // And with the burst over, the same server reads and writes as before the outage.
    expect((await send('read', READS[1])).acknowledged).toBe(true);
    const id = `condition:${prefix}-after`;
    const name = 'Fault test condition after the outage';
    const input = { id, name, category: 'DISEASE', sourceIds: [SOURCE] };
    expect((await send('create', CREATE, { input }, { target: id, name })).acknowledged).toBe(true);
  });

  describe('what the database holds afterwards, read directly', () => {
    let stateOf: (a: Attempt) => WriteState;
    let strays: string[];

    beforeAll(async () => {
      const db = direct.executor();
      const entities = await db.read<{ id: string; labels: string[]; props: Record<string, unknown> }>(
        'test.faultEntities',
        'MATCH (n:Entity) WHERE n.id STARTS WITH $ids RETURN n.id AS id, labels(n) AS labels, properties(n) AS props',
        { ids: `condition:${prefix}-` },
      );
      const claims = await db.read<{
        id: string;
        type: string;
        subject: string;
        object: string;
        props: Record<string, unknown>;
      }>(
        'test.faultClaims',
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE r.id STARTS WITH $ids
         RETURN r.id AS id, type(r) AS type, a.id AS subject, b.id AS object, properties(r) AS props`,
        { ids: `claim:${prefix}-` },
      );
      const audits = await db.read<{ entry: Record<string, unknown> }>(
        'test.faultAudits',
        `MATCH (a:${AUDIT_LABEL}) WHERE a.targetId CONTAINS $prefix RETURN properties(a) AS entry`,
        { prefix },
      );
      const entityById = groupBy(entities, (e) => e.id);
      const claimById = groupBy(claims, (c) => c.id);
      const auditsOf = groupBy(
        audits.map((a) => a.entry),
        (entry) => String(entry.targetId),
      );

      // "Whole" is what one mutation's transaction writes (the services of src/graph/curation/):
      // a create, the entity as sent plus its CREATE audit entry; a link, the claim as sent plus
      // its LINK audit entry. Exactly one of each: a retried transaction must not write twice.
      stateOf = (a) => {
        const written = a.kind === 'create' ? (entityById.get(a.target!) ?? []) : (claimById.get(a.target!) ?? []);
        const entries = auditsOf.get(a.target!) ?? [];
        if (written.length === 0 && entries.length === 0) {
          return 'none';
        }
        const problems: string[] = [];
        if (written.length !== 1 || entries.length !== 1) {
          problems.push(
            `${written.length} ${a.kind === 'create' ? 'entities' : 'claims'}, ${entries.length} audit entries`,
          );
        }
        const entry = entries[0] ?? {};
        const audited = { actor: ACTOR, role: 'curator', requestId: a.requestId };
        if (a.kind === 'create') {
          const entity = entityById.get(a.target!)?.[0];
          const props = { name: a.name, category: 'DISEASE', sourceIds: [SOURCE], version: 1, updatedBy: ACTOR };
          if (entity !== undefined && !(matches(entity.props, props) && entity.labels.includes('Condition'))) {
            problems.push(`entity ${JSON.stringify(entity)}`);
          }
          if (
            entries.length > 0 &&
            !matches(entry, { ...audited, operation: 'CREATE', targetType: 'Condition', version: 1 })
          ) {
            problems.push(`audit entry ${JSON.stringify(entry)}`);
          }
        } else {
          const claim = claimById.get(a.target!)?.[0];
          const ends = { subject: a.subject, object: ANCHOR };
          const props = {
            sourceIds: [SOURCE],
            level: 'EXPERT_OR_NARRATIVE',
            knowledgeLevel: 'OBSERVATION',
            agentType: 'MANUAL_AGENT',
          };
          if (
            claim !== undefined &&
            !(claim.type === 'CONTRIBUTES_TO' && matches(claim, ends) && matches(claim.props, props))
          ) {
            problems.push(`claim ${JSON.stringify(claim)}`);
          }
          const audit = {
            ...audited,
            operation: 'LINK',
            targetType: 'CONTRIBUTES_TO',
            subjectId: a.subject,
            objectId: ANCHOR,
          };
          if (entries.length > 0 && !matches(entry, audit)) {
            problems.push(`audit entry ${JSON.stringify(entry)}`);
          }
        }
        return problems.length === 0 ? 'whole' : `partial: ${problems.join('; ')}`;
      };

      const targets = new Set(attempts.filter(isWrite).map((a) => a.target));
      strays = [...entityById.keys(), ...claimById.keys(), ...auditsOf.keys()].filter((id) => !targets.has(id));
    }, 120_000);

    it('holds every acknowledged write, whole', () => {
      const acknowledged = attempts.filter((a) => isWrite(a) && a.acknowledged);
      expect(acknowledged.length).toBeGreaterThanOrEqual(ACKED_BEFORE + ACKED_AFTER);
      const lost = acknowledged.map((a) => ({ ...brief(a), state: stateOf(a) })).filter((a) => a.state !== 'whole');
      expect(lost).toEqual([]);
    });

    it('holds each failed write wholly or not at all', () => {
      const failed = attempts.filter((a) => isWrite(a) && !a.acknowledged);
      expect(failed.length).toBeGreaterThanOrEqual(FAILED_DURING);
      const halfApplied = failed
        .map((a) => ({ ...brief(a), state: stateOf(a) }))
        .filter((a) => a.state !== 'whole' && a.state !== 'none');
      expect(halfApplied).toEqual([]);
    });

    it('holds nothing that no request wrote', () => {
      expect(strays).toEqual([]);
    });
  });
});
