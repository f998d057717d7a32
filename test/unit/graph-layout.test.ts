// The graph view's layout (explorer/src/graphLayout.ts) is a pure function: the same graph gives the
// same positions whatever order its entities and claims come in, and no entity's box (its shape
// and label) nor any claim's label touches another. Claims between the same two entities share
// one edge (explorer/src/graphLinks.ts), whose label the layout keeps clear like any other.
import {
  BOX_GAP,
  type Layout,
  type LayoutEdge,
  type LayoutNode,
  layoutGraph,
  wrapLabel,
} from '../../explorer/src/graphLayout';
import { linkClaims, linkLabel } from '../../explorer/src/graphLinks';

const CENTRE = 'condition:ddd';
const box = (lines: number) => ({ width: 124, above: 18, below: 18 + lines * 13 + 4 });
const label = (verb: string) => ({ width: verb.length * 5, height: 13 });

function node(id: string, kindRank: number, name: string, lines = 2): LayoutNode {
  return { id, name, kindRank, box: box(lines) };
}

/** The degenerative disc disease neighbourhood's shape: a condition, mechanisms, conditions and trials. */
const NEIGHBOURHOOD: LayoutNode[] = [
  node(CENTRE, 4, 'Degenerative disc disease'),
  node('mechanism:immunomodulation', 3, 'Modulation of the immune response'),
  node('mechanism:anti-inflammatory', 3, 'Reduction of inflammation'),
  node('mechanism:tissue-regeneration', 3, 'Tissue regeneration', 1),
  node('condition:lbp', 4, 'Low back pain', 1),
  node('condition:lumbar-ddd', 4, 'Lumbar degenerative disc disease'),
  node('trial:msb', 5, 'MSB-DR001: phase 2 trial of mesenchymal precursor cells'),
  node('trial:article', 5, 'Article-described phase 3 trial'),
];
const CLAIMS: LayoutEdge[] = [
  ['mechanism:anti-inflammatory', CENTRE, 'may affect'],
  ['mechanism:anti-inflammatory', 'condition:lbp', 'may affect'],
  ['mechanism:immunomodulation', CENTRE, 'may affect'],
  ['mechanism:tissue-regeneration', CENTRE, 'may affect'],
  [CENTRE, 'condition:lbp', 'contributes to'],
  ['condition:lumbar-ddd', CENTRE, 'is a kind of'],
  ['trial:msb', CENTRE, 'studies'],
  ['trial:msb', 'condition:lumbar-ddd', 'studies'],
  ['trial:article', CENTRE, 'studies'],
].map(([source, target, verb]) => ({ id: `${source}→${target}`, source, target, label: label(verb) }));

/** The same neighbourhood after expanding the trial: its outcomes, products and sponsors join. */
const GROWN_NODES = [
  ...NEIGHBOURHOOD,
  ...Array.from({ length: 14 }, (_, i) => node(`outcome:msb-${i}`, 6, `Outcome ${i} of the trial at 12 months`)),
  node('product:rexlemestrocel', 2, 'Rexlemestrocel-L', 1),
  node('organization:mesoblast', 9, 'Mesoblast', 1),
];
const GROWN_CLAIMS: LayoutEdge[] = [
  ...CLAIMS,
  ...Array.from({ length: 14 }, (_, i) => ({
    id: `trial:msb→outcome:msb-${i}`,
    source: 'trial:msb',
    target: `outcome:msb-${i}`,
    label: label('reported'),
  })),
  { id: 'trial:msb→product', source: 'trial:msb', target: 'product:rexlemestrocel', label: label('tests') },
  {
    id: 'trial:msb→organization',
    source: 'trial:msb',
    target: 'organization:mesoblast',
    label: label('is sponsored by'),
  },
];

interface TestClaim {
  id: string;
  source: string;
  target: string;
  type: string;
  verb: string;
}

const claim = (id: string, source: string, target: string, type: string, verb: string): TestClaim => ({
  id: `claim:${id}`,
  source,
  target,
  type,
  verb,
});

/**
 * The neighbourhood after a registry ingestion: parallel claims of the same type beside curated
 * ones, and between one pair claims of two types pointing opposite ways.
 */
const PARALLEL_CLAIMS: TestClaim[] = [
  claim('anti-inflammatory-affects-ddd', 'mechanism:anti-inflammatory', CENTRE, 'MAY_AFFECT', 'may affect'),
  claim('anti-inflammatory-affects-lbp', 'mechanism:anti-inflammatory', 'condition:lbp', 'MAY_AFFECT', 'may affect'),
  claim('immunomodulation-affects-ddd', 'mechanism:immunomodulation', CENTRE, 'MAY_AFFECT', 'may affect'),
  claim('regeneration-affects-ddd', 'mechanism:tissue-regeneration', CENTRE, 'MAY_AFFECT', 'may affect'),
  claim('ddd-contributes-to-lbp', CENTRE, 'condition:lbp', 'CONTRIBUTES_TO', 'contributes to'),
  claim('ctgov-ddd-contributes-to-lbp', CENTRE, 'condition:lbp', 'CONTRIBUTES_TO', 'contributes to'),
  claim('lumbar-ddd-is-a-ddd', 'condition:lumbar-ddd', CENTRE, 'IS_A', 'is a kind of'),
  claim('ddd-contributes-to-lumbar-ddd', CENTRE, 'condition:lumbar-ddd', 'CONTRIBUTES_TO', 'contributes to'),
  claim('msb-studies-ddd', 'trial:msb', CENTRE, 'STUDIES', 'studies'),
  claim('ctgov-msb-studies-ddd', 'trial:msb', CENTRE, 'STUDIES', 'studies'),
  claim('ctgov-msb-studies-ddd-again', 'trial:msb', CENTRE, 'STUDIES', 'studies'),
  claim('msb-studies-lumbar-ddd', 'trial:msb', 'condition:lumbar-ddd', 'STUDIES', 'studies'),
  claim('ctgov-msb-studies-lumbar-ddd', 'trial:msb', 'condition:lumbar-ddd', 'STUDIES', 'studies'),
  claim('article-studies-ddd', 'trial:article', CENTRE, 'STUDIES', 'studies'),
];

/**
 * The neighbourhood after ingesting the registry's studies: six trials, five of them also studying
 * the lumbar form, one with a registry claim beside its curated one. A crowded ring whose claims
 * between neighbours find no room at their middles.
 */
const TRIALS = ['nct01290367', 'nct01860417', 'nct02412735', 'nct03347708', 'nct06325566', 'nct07254806'];
const INGESTED_NODES: LayoutNode[] = [
  ...NEIGHBOURHOOD.filter((n) => n.id !== 'trial:msb'),
  ...TRIALS.map((id) => node(`trial:${id}`, 5, `Trial ${id.toUpperCase()} of cells in disc disease`)),
];
const INGESTED_CLAIMS: TestClaim[] = [
  ...PARALLEL_CLAIMS.filter((c) => !c.source.startsWith('trial:msb') && !c.target.startsWith('condition:lumbar')),
  ...TRIALS.map((id) => claim(`${id}-studies-ddd`, `trial:${id}`, CENTRE, 'STUDIES', 'studies')),
  claim('ctgov-nct01290367-studies-ddd', 'trial:nct01290367', CENTRE, 'STUDIES', 'studies'),
  ...TRIALS.filter((id) => id !== 'nct01860417').map((id) =>
    claim(`${id}-studies-lumbar`, `trial:${id}`, 'condition:lumbar-ddd', 'STUDIES', 'studies'),
  ),
  claim('nct01860417-studies-lbp', 'trial:nct01860417', 'condition:lbp', 'STUDIES', 'studies'),
  claim('lumbar-ddd-is-a-ddd', 'condition:lumbar-ddd', CENTRE, 'IS_A', 'is a kind of'),
];

/** The edges the graph view draws for these claims, labelled as it labels them. */
function linkedEdges(claims: readonly TestClaim[]): LayoutEdge[] {
  return linkClaims(claims).map((link) => ({
    id: link.id,
    source: link.source,
    target: link.target,
    label: label(linkLabel(link.claims.map((c) => c.verb))),
  }));
}

interface Rect {
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/**
 * Every box the drawing holds: each entity's shape and, under it, its label; and each claim's
 * label where the layout put it, which must be on the claim's edge.
 */
function boxes(nodes: LayoutNode[], edges: LayoutEdge[], layout: Layout): Rect[] {
  const at = layout.nodes;
  const entities = nodes.flatMap((n) => {
    const p = at.get(n.id)!;
    const { width, above, below } = n.box;
    return [
      { name: `${n.id} shape`, x1: p.x - above, x2: p.x + above, y1: p.y - above, y2: p.y + above },
      { name: `${n.id} label`, x1: p.x - width / 2, x2: p.x + width / 2, y1: p.y + above, y2: p.y + below },
    ];
  });
  const claims = edges.map((e) => {
    const [a, b] = [at.get(e.source)!, at.get(e.target)!];
    const { x, y } = layout.labels.get(e.id)!;
    const fraction = Math.abs(b.x - a.x) > Math.abs(b.y - a.y) ? (x - a.x) / (b.x - a.x) : (y - a.y) / (b.y - a.y);
    expect(fraction).toBeGreaterThan(0);
    expect(fraction).toBeLessThan(1);
    expect(x).toBeCloseTo(a.x + (b.x - a.x) * fraction, 6);
    expect(y).toBeCloseTo(a.y + (b.y - a.y) * fraction, 6);
    const angle = Math.atan2(b.y - a.y, b.x - a.x);
    const [cos, sin] = [Math.abs(Math.cos(angle)), Math.abs(Math.sin(angle))];
    const w = e.label!.width * cos + e.label!.height * sin;
    const h = e.label!.width * sin + e.label!.height * cos;
    return { name: `${e.source}→${e.target}`, x1: x - w / 2, x2: x + w / 2, y1: y - h / 2, y2: y + h / 2 };
  });
  return [...entities, ...claims];
}

/** The layout with its entries in order of id, to compare two layouts whatever order they were made in. */
const inOrder = (layout: Layout) => ({
  nodes: [...layout.nodes].sort(([a], [b]) => (a < b ? -1 : 1)),
  labels: [...layout.labels].sort(([a], [b]) => (a < b ? -1 : 1)),
});

function clashes(rects: Rect[]): string[] {
  const found: string[] = [];
  for (const [i, a] of rects.entries()) {
    for (const b of rects.slice(i + 1)) {
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) {
        found.push(`${a.name} × ${b.name}`);
      }
    }
  }
  return found;
}

describe('layoutGraph', () => {
  it.each([
    ['the neighbourhood', NEIGHBOURHOOD, CLAIMS],
    ['the grown graph', GROWN_NODES, GROWN_CLAIMS],
  ])('places %s the same whatever order it is listed in', (_, nodes, edges) => {
    const first = layoutGraph(CENTRE, nodes, edges);
    const rotate = <T>(list: T[], by: number) => [...list.slice(by), ...list.slice(0, by)];
    for (const [n, e] of [
      [[...nodes].reverse(), [...edges].reverse()],
      [rotate(nodes, 3), rotate(edges, 5)],
    ] as const) {
      expect(inOrder(layoutGraph(CENTRE, n, e))).toEqual(inOrder(first));
    }
    expect(first.nodes.size).toBe(nodes.length);
    expect(first.labels.size).toBe(edges.length);
    expect(first.nodes.get(CENTRE)).toEqual({ x: 0, y: 0 });
  });

  it.each([
    ['the neighbourhood', NEIGHBOURHOOD, CLAIMS],
    ['the grown graph', GROWN_NODES, GROWN_CLAIMS],
  ])('keeps every box of %s clear of the others', (_, nodes, edges) => {
    const at = layoutGraph(CENTRE, nodes, edges);
    expect(clashes(boxes(nodes, edges, at))).toEqual([]);
  });

  it('places a graph with parallel claims the same whatever order the claims come in, all boxes clear', () => {
    const edges = linkedEdges(PARALLEL_CLAIMS);
    const first = layoutGraph(CENTRE, NEIGHBOURHOOD, edges);
    for (const claims of [
      [...PARALLEL_CLAIMS].reverse(),
      [...PARALLEL_CLAIMS.slice(7), ...PARALLEL_CLAIMS.slice(0, 7)],
    ]) {
      const again = linkedEdges(claims);
      expect(again).toEqual(edges);
      expect(inOrder(layoutGraph(CENTRE, [...NEIGHBOURHOOD].reverse(), again))).toEqual(inOrder(first));
    }
    expect(clashes(boxes(NEIGHBOURHOOD, edges, first))).toEqual([]);
  });

  it('keeps every box of a crowded ring clear, moving labels along their edges, the same in any order', () => {
    const edges = linkedEdges(INGESTED_CLAIMS);
    const first = layoutGraph(CENTRE, INGESTED_NODES, edges);
    expect(clashes(boxes(INGESTED_NODES, edges, first))).toEqual([]);
    const reversed = layoutGraph(CENTRE, [...INGESTED_NODES].reverse(), linkedEdges([...INGESTED_CLAIMS].reverse()));
    expect(inOrder(reversed)).toEqual(inOrder(first));
  });

  it('puts entities farther from the centre the more claims away they are', () => {
    const at = layoutGraph(CENTRE, GROWN_NODES, GROWN_CLAIMS).nodes;
    const distance = (id: string) => Math.hypot(at.get(id)!.x, at.get(id)!.y);
    expect(distance('trial:msb')).toBeGreaterThan(0);
    expect(distance('outcome:msb-0')).toBeGreaterThan(distance('trial:msb') + BOX_GAP);
  });
});

describe('linkClaims', () => {
  it('draws every claim between one pair of entities as one edge, its claims in order of id', () => {
    const links = linkClaims([...PARALLEL_CLAIMS].reverse());
    const pairs = new Set(PARALLEL_CLAIMS.map((c) => [c.source, c.target].sort().join(' ')));
    expect(links).toHaveLength(pairs.size);
    expect(links.flatMap((link) => link.claims).sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual(
      [...PARALLEL_CLAIMS].sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    const studies = links.find((link) => link.claims.some((c) => c.id === 'claim:msb-studies-ddd'))!;
    expect(studies).toMatchObject({ source: 'trial:msb', target: CENTRE, bothWays: false });
    expect(studies.claims.map((c) => c.id)).toEqual([
      'claim:ctgov-msb-studies-ddd',
      'claim:ctgov-msb-studies-ddd-again',
      'claim:msb-studies-ddd',
    ]);
    expect(linkLabel(studies.claims.map((c) => c.verb))).toBe('studies (3 claims)');
  });

  it('names both statements of a pair joined both ways, and points the edge from the first claim', () => {
    const mixed = linkClaims(PARALLEL_CLAIMS).find((link) =>
      link.claims.some((c) => c.id === 'claim:lumbar-ddd-is-a-ddd'),
    )!;
    expect(mixed).toMatchObject({ source: CENTRE, target: 'condition:lumbar-ddd', bothWays: true });
    expect(linkLabel(mixed.claims.map((c) => c.verb))).toBe('contributes to · is a kind of (2 claims)');
    const single = linkClaims(PARALLEL_CLAIMS).find((link) => link.claims[0].id === 'claim:article-studies-ddd')!;
    expect(linkLabel(single.claims.map((c) => c.verb))).toBe('studies');
  });
});

describe('wrapLabel', () => {
  const measure = (text: string) => text.length * 6;

  it('keeps a short name on one line', () => {
    expect(wrapLabel('Low back pain', 120, 2, measure)).toEqual(['Low back pain']);
  });

  it('wraps at spaces and ends a name too long for its lines in an ellipsis', () => {
    const name = 'MSB-DR001: phase 2 trial of mesenchymal precursor cells in lumbar degenerative disc disease';
    const lines = wrapLabel(name, 120, 2, measure);
    expect(lines).toHaveLength(2);
    expect(lines.every((line) => measure(line) <= 120)).toBe(true);
    expect(lines[1].endsWith('…')).toBe(true);
    expect(name.startsWith(`${lines.join(' ').slice(0, -1)}`)).toBe(true);
  });

  it('cuts a single word wider than a line', () => {
    const lines = wrapLabel('Supercalifragilisticexpialidocious-cells', 60, 2, measure);
    expect(lines).toHaveLength(1);
    expect(measure(lines[0])).toBeLessThanOrEqual(60);
    expect(lines[0].endsWith('…')).toBe(true);
  });
});
