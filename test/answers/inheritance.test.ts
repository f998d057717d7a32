// Reasoning along the ontology: what is stated for a class is returned for its subclasses and for
// the products made of them, marked inherited with the class it comes from. Expected rows are read
// with plain Cypher written here, not with the server's query.
import type { Executor } from '../../src/db/database';
import { gql, type SeededServer, startSeededServer, type TestServer } from '../support/harness';

const MSC = 'cell-type:mesenchymal-stem-cell';
const BM_MSC = 'cell-type:bone-marrow-mesenchymal-stem-cell';
const BM_PRODUCT = 'product:culture-expanded-autologous-bone-marrow-msc';

let t: TestServer;
let db: Executor;
let server: SeededServer;
beforeAll(async () => {
  server = await startSeededServer();
  ({ t, db } = server);
});
afterAll(async () => {
  await server.close();
});

const stated = async (type: string, subject: string) =>
  (
    await db.read<{ id: string }>(
      'test.statedFor',
      `MATCH (:Entity {id: $subject})-[r]->(n) WHERE type(r) = $type RETURN DISTINCT n.id AS id ORDER BY id`,
      { subject, type },
    )
  ).map((r) => r.id);

const EDGES = `edges { inherited inheritedFrom { id } node { id } evidence { claimId level score { value } sources { id } } }`;

interface Edge {
  inherited: boolean;
  inheritedFrom: { id: string } | null;
  node: { id: string };
  evidence: { claimId: string; level: string; score: { value: number } | null; sources: Array<{ id: string }> };
}

describe('inheritance along the ontology', () => {
  it('returns a risk stated for MSCs, marked inherited, for a product made from bone-marrow MSCs', async () => {
    const mscRisks = await stated('HAS_ADVERSE_EVENT', MSC);
    expect(mscRisks.length).toBeGreaterThan(0);
    const direct = await stated('HAS_ADVERSE_EVENT', BM_PRODUCT);
    const res = await gql(t.url, `query($id: ID!) { product(id: $id) { risks(first: 100) { totalCount ${EDGES} } } }`, {
      id: BM_PRODUCT,
    });
    expect(res.errors).toBeUndefined();
    const edges: Edge[] = res.data!.product.risks.edges;
    const inheritedFromMsc = edges.filter((e) => e.inherited && e.inheritedFrom?.id === MSC).map((e) => e.node.id);
    expect(inheritedFromMsc.sort()).toEqual(mscRisks.filter((id) => !direct.includes(id)).sort());
    for (const edge of edges) {
      expect(edge.inherited).toBe(edge.inheritedFrom !== null);
      expect(edge.evidence.sources.length).toBeGreaterThan(0);
    }
    expect(
      edges
        .filter((e) => !e.inherited)
        .map((e) => e.node.id)
        .sort(),
    ).toEqual(direct);
    expect(res.data!.product.risks.totalCount).toBe(edges.length);
  });

  it('returns direct claims only when asked', async () => {
    const res = await gql(
      t.url,
      `query($id: ID!) { product(id: $id) { risks(first: 100, includeInherited: false) { totalCount ${EDGES} } } }`,
      { id: BM_PRODUCT },
    );
    const edges: Edge[] = res.data!.product.risks.edges;
    expect(edges.every((e) => !e.inherited)).toBe(true);
    expect(edges.map((e) => e.node.id).sort()).toEqual(await stated('HAS_ADVERSE_EVENT', BM_PRODUCT));
    expect(res.data!.product.risks.totalCount).toBe(edges.length);
  });

  it('gives a subclass the mechanisms of its class, and a product those of the cells it contains', async () => {
    const mscMechanisms = await stated('CAPABLE_OF', MSC);
    const res = await gql(
      t.url,
      `query($cell: ID!, $product: ID!) {
        cellType(id: $cell) { mechanisms(first: 100) { ${EDGES} } }
        product(id: $product) { mechanisms(first: 100) { totalCount ${EDGES} } }
      }`,
      { cell: BM_MSC, product: BM_PRODUCT },
    );
    expect(res.errors).toBeUndefined();
    const ofCell: Edge[] = res.data!.cellType.mechanisms.edges;
    expect(
      ofCell
        .filter((e) => e.inheritedFrom?.id === MSC)
        .map((e) => e.node.id)
        .sort(),
    ).toEqual(mscMechanisms);
    const ofProduct: Edge[] = res.data!.product.mechanisms.edges;
    expect(ofProduct.length).toBeGreaterThanOrEqual(mscMechanisms.length);
    expect(ofProduct.every((e) => e.inherited)).toBe(true);
  });

  it('pages inherited rows exactly, in evidence-score order when asked', async () => {
    const page = (after: string | null) =>
      gql(
        t.url,
        `query($id: ID!, $after: String) { product(id: $id) {
          risks(first: 2, after: $after, orderBy: { field: EVIDENCE_SCORE, direction: DESC }) {
            totalCount pageInfo { hasNextPage endCursor } ${EDGES} } } }`,
        { id: BM_PRODUCT, after },
      );
    const seen: Edge[] = [];
    let after: string | null = null;
    let total = 0;
    for (let i = 0; i < 20; i += 1) {
      const res = await page(after);
      expect(res.errors).toBeUndefined();
      const risks = res.data!.product.risks;
      total = risks.totalCount;
      seen.push(...risks.edges);
      if (!risks.pageInfo.hasNextPage) {
        break;
      }
      after = risks.pageInfo.endCursor;
    }
    expect(seen.length).toBe(total);
    expect(new Set(seen.map((e) => e.node.id)).size).toBe(total);
    const scores = seen.map((e) => e.evidence.score?.value ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});
