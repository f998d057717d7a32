// The graph view's layout (explorer/src/graphLayout.ts) is a pure function: the same graph gives the
// same positions whatever order its entities and claims come in, and no entity's box (its shape
// and label) nor any claim's label touches another.
import {
  BOX_GAP,
  type LayoutEdge,
  type LayoutNode,
  layoutGraph,
  type Point,
  wrapLabel,
} from '../../explorer/src/graphLayout';

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
].map(([source, target, verb]) => ({ source, target, label: label(verb) }));

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
    source: 'trial:msb',
    target: `outcome:msb-${i}`,
    label: label('reported'),
  })),
  { source: 'trial:msb', target: 'product:rexlemestrocel', label: label('tests') },
  { source: 'trial:msb', target: 'organization:mesoblast', label: label('is sponsored by') },
];

interface Rect {
  name: string;
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Every box the drawing holds: each entity with its label, and each claim's label along it. */
function boxes(nodes: LayoutNode[], edges: LayoutEdge[], at: Map<string, Point>): Rect[] {
  const entities = nodes.map((n) => {
    const p = at.get(n.id)!;
    return {
      name: n.id,
      x1: p.x - n.box.width / 2,
      x2: p.x + n.box.width / 2,
      y1: p.y - n.box.above,
      y2: p.y + n.box.below,
    };
  });
  const claims = edges.map((e) => {
    const [a, b] = [at.get(e.source)!, at.get(e.target)!];
    const angle = Math.atan2(b.y - a.y, b.x - a.x);
    const [cos, sin] = [Math.abs(Math.cos(angle)), Math.abs(Math.sin(angle))];
    const w = e.label!.width * cos + e.label!.height * sin;
    const h = e.label!.width * sin + e.label!.height * cos;
    const [x, y] = [(a.x + b.x) / 2, (a.y + b.y) / 2];
    return { name: `${e.source}→${e.target}`, x1: x - w / 2, x2: x + w / 2, y1: y - h / 2, y2: y + h / 2 };
  });
  return [...entities, ...claims];
}

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
      const again = layoutGraph(CENTRE, n, e);
      expect(new Map([...again].sort(([a], [b]) => (a < b ? -1 : 1)))).toEqual(
        new Map([...first].sort(([a], [b]) => (a < b ? -1 : 1))),
      );
    }
    expect(first.size).toBe(nodes.length);
    expect(first.get(CENTRE)).toEqual({ x: 0, y: 0 });
  });

  it.each([
    ['the neighbourhood', NEIGHBOURHOOD, CLAIMS],
    ['the grown graph', GROWN_NODES, GROWN_CLAIMS],
  ])('keeps every box of %s clear of the others', (_, nodes, edges) => {
    const at = layoutGraph(CENTRE, nodes, edges);
    expect(clashes(boxes(nodes, edges, at))).toEqual([]);
  });

  it('puts entities farther from the centre the more claims away they are', () => {
    const at = layoutGraph(CENTRE, GROWN_NODES, GROWN_CLAIMS);
    const distance = (id: string) => Math.hypot(at.get(id)!.x, at.get(id)!.y);
    expect(distance('trial:msb')).toBeGreaterThan(0);
    expect(distance('outcome:msb-0')).toBeGreaterThan(distance('trial:msb') + BOX_GAP);
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
