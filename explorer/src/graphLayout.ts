// Where the graph view puts each entity: a pure function of the drawing (its entities, claims and
// centre), never of the order the API listed them in nor of chance, so the same graph always gives
// the same picture. The centre's neighbours sit on a ring around it, ordered by kind and name;
// entities farther out sit on an arc beyond the neighbour that links them inwards. Each entity
// occupies a box (its shape and its label under it), each edge's label a box on the edge, at its
// middle or, where that is taken, a little towards either end; a ring or arc is widened until no
// box touches another, so labels do not overlap.

export interface LayoutNode {
  id: string;
  name: string;
  /** Position of the kind in the vocabulary: entities of a kind sit together. */
  kindRank: number;
  box: LabelBox;
}

/**
 * The space an entity takes, measured from its centre: its shape, a square reaching `above` from
 * the centre each way, and under it its label, `width` wide, down to `below`. The space beside the
 * shape stays free for the labels of edges that pass it.
 */
export interface LabelBox {
  /** The label's width. */
  width: number;
  /** From the centre to each side of the shape's square, its top and its bottom. */
  above: number;
  /** From the centre down to the bottom of the label. */
  below: number;
}

/** One straight edge; two between the same pair would be drawn curved, which is not modelled. */
export interface LayoutEdge {
  id: string;
  source: string;
  target: string;
  /** The size of the edge's label, drawn along it where `Layout.labels` puts it. */
  label?: { width: number; height: number };
}

export interface Point {
  x: number;
  y: number;
}

export interface Layout {
  /** Where each entity's centre is. */
  nodes: Map<string, Point>;
  /** Where the centre of each labelled edge's label is, on the edge. */
  labels: Map<string, Point>;
}

/** Space kept free between two boxes. */
export const BOX_GAP = 8;
const RING_GAP = 90;
const GROWTH = 10;
/** How much wider an arc's spacing gets at each try, slower than its distance, so arcs narrow. */
const SPREAD = 3;
const MAX_ATTEMPTS = 200;
/** Where along its edge a label may sit, as a fraction of the way from source to target: the middle first. */
const LABEL_STOPS = [0.5, 0.44, 0.56, 0.38, 0.62, 0.32, 0.68, 0.26, 0.74, 0.2, 0.8];
/**
 * How far a ring around the centre may be turned, in places: boxes stay upright, so a turned ring
 * gives its edges other slopes and can leave room for a label that an unturned one has not.
 */
const RING_TURNS = [0, 0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875];

interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byKindThenName(a: LayoutNode, b: LayoutNode): number {
  return a.kindRank - b.kindRank || byText(a.name, b.name) || byText(a.id, b.id);
}

function nodeRects(at: Point, box: LabelBox): Rect[] {
  return [
    { x1: at.x - box.above, x2: at.x + box.above, y1: at.y - box.above, y2: at.y + box.above },
    { x1: at.x - box.width / 2, x2: at.x + box.width / 2, y1: at.y + box.above, y2: at.y + box.below },
  ];
}

function along(from: Point, to: Point, fraction: number): Point {
  return { x: from.x + (to.x - from.x) * fraction, y: from.y + (to.y - from.y) * fraction };
}

/** The upright box around an edge's label centred `at`, turned to follow the edge. */
function edgeLabelRect(from: Point, to: Point, at: Point, label: { width: number; height: number }): Rect {
  const angle = Math.atan2(to.y - from.y, to.x - from.x);
  const cos = Math.abs(Math.cos(angle));
  const sin = Math.abs(Math.sin(angle));
  const width = label.width * cos + label.height * sin;
  const height = label.width * sin + label.height * cos;
  return { x1: at.x - width / 2, x2: at.x + width / 2, y1: at.y - height / 2, y2: at.y + height / 2 };
}

function clash(a: Rect, b: Rect): boolean {
  return a.x1 < b.x2 + BOX_GAP && b.x1 < a.x2 + BOX_GAP && a.y1 < b.y2 + BOX_GAP && b.y1 < a.y2 + BOX_GAP;
}

/** Breadth-first distance from the centre over claims in either direction; unreachable ones last. */
function rings(centre: string, nodes: readonly LayoutNode[], adjacent: Map<string, string[]>): LayoutNode[][] {
  const distance = new Map<string, number>();
  if (nodes.some((node) => node.id === centre)) {
    distance.set(centre, 0);
    const queue = [centre];
    for (let at = 0; at < queue.length; at++) {
      for (const next of adjacent.get(queue[at]) ?? []) {
        if (!distance.has(next)) {
          distance.set(next, distance.get(queue[at])! + 1);
          queue.push(next);
        }
      }
    }
  }
  const farthest = Math.max(0, ...distance.values());
  const result: LayoutNode[][] = [];
  for (const node of nodes) {
    const ring = distance.get(node.id) ?? farthest + 1;
    (result[ring] ??= []).push(node);
  }
  return result.filter((ring) => ring !== undefined).map((ring) => ring.sort(byKindThenName));
}

/**
 * The ring's order (by kind and name) with entities linked to each other side by side, so that
 * the claims between them are short and cross no others: each group of linked entities in turn,
 * from its first member, breadth first.
 */
function besideEachOther(ring: readonly LayoutNode[], adjacent: Map<string, string[]>): LayoutNode[] {
  const rank = new Map(ring.map((node, i) => [node.id, i]));
  const ordered: LayoutNode[] = [];
  const seen = new Set<string>();
  for (const first of ring) {
    if (seen.has(first.id)) {
      continue;
    }
    seen.add(first.id);
    const group = [first];
    for (let at = 0; at < group.length; at++) {
      const linked = (adjacent.get(group[at].id) ?? [])
        .filter((id) => rank.has(id) && !seen.has(id))
        .sort((a, b) => rank.get(a)! - rank.get(b)!);
      for (const id of linked) {
        if (!seen.has(id)) {
          seen.add(id);
          group.push(ring[rank.get(id)!]);
        }
      }
    }
    ordered.push(...group);
  }
  return ordered;
}

/**
 * Positions for one group of entities that hang from the same `anchor`: around the whole anchor
 * when `facing` is undefined, else on an arc facing that way, as close as their boxes and their
 * claims' labels allow without touching anything `taken`.
 */
function placeGroup(
  group: readonly LayoutNode[],
  anchor: Point,
  facing: number | undefined,
  firstDistance: number,
  edges: readonly LayoutEdge[],
  positions: ReadonlyMap<string, Point>,
  taken: readonly Rect[],
): { at: Point[]; rects: Rect[]; labels: Array<[string, Point]> } {
  const tallest = Math.max(...group.map((node) => node.box.above + node.box.below));
  const index = new Map(group.map((node, i) => [node.id, i]));
  const attempt = (step: number, withEdges: boolean, turn = 0) => {
    const distance = firstDistance + step * GROWTH;
    const full = (2 * Math.PI) / group.length;
    const gap = facing === undefined ? full : Math.min(full, (tallest + BOX_GAP + step * SPREAD) / distance);
    const start = facing === undefined ? -Math.PI / 2 + turn * full : facing - ((group.length - 1) * gap) / 2;
    const at = group.map((_, i) => ({
      x: anchor.x + distance * Math.cos(start + i * gap),
      y: anchor.y + distance * Math.sin(start + i * gap),
    }));
    const where = (id: string) => positions.get(id) ?? at[index.get(id)!];
    const own = group.map((node, i) => nodeRects(at[i], node.box));
    let fits = own.every((mine, i) =>
      mine.every(
        (a) => !taken.some((b) => clash(a, b)) && !own.some((theirs, j) => j > i && theirs.some((b) => clash(a, b))),
      ),
    );
    const rects = own.flat();
    const labels: Array<[string, Point]> = [];
    for (const edge of edges) {
      const [from, to] = [where(edge.source), where(edge.target)];
      // Each label takes the first stop along its edge where it touches nothing placed so far.
      const free = (withEdges && fits ? LABEL_STOPS : [])
        .map((fraction) => along(from, to, fraction))
        .map((point) => ({ point, rect: edgeLabelRect(from, to, point, edge.label!) }))
        .find(({ rect }) => !taken.some((b) => clash(rect, b)) && !rects.some((b) => clash(rect, b)));
      if (free !== undefined) {
        rects.push(free.rect);
      } else if (withEdges) {
        fits = false;
      }
      labels.push([edge.id, free?.point ?? along(from, to, 0.5)]);
    }
    return { at, rects, labels, fits };
  };
  // Claims' labels are kept clear too, unless no spacing manages it; then only the entities are.
  for (const withEdges of [true, false]) {
    for (let step = 0; step < MAX_ATTEMPTS; step++) {
      for (const turn of facing === undefined ? RING_TURNS : [0]) {
        const tried = attempt(step, withEdges, turn);
        if (tried.fits) {
          return tried;
        }
      }
    }
  }
  return attempt(MAX_ATTEMPTS, false);
}

export function layoutGraph(centre: string, nodes: readonly LayoutNode[], edges: readonly LayoutEdge[]): Layout {
  const known = new Set(nodes.map((node) => node.id));
  const adjacent = new Map<string, string[]>();
  const edgesAt = new Map<string, LayoutEdge[]>();
  for (const edge of edges) {
    if (known.has(edge.source) && known.has(edge.target)) {
      for (const [from, to] of [
        [edge.source, edge.target],
        [edge.target, edge.source],
      ]) {
        (adjacent.get(from) ?? adjacent.set(from, []).get(from)!).push(to);
        (edgesAt.get(from) ?? edgesAt.set(from, []).get(from)!).push(edge);
      }
    }
  }
  const positions = new Map<string, Point>();
  const labels = new Map<string, Point>();
  /** Entities in the order they were placed, and each one's index there. */
  const placedIds: string[] = [];
  const orderOf = new Map<string, number>();
  const taken: Rect[] = [];
  const place = (group: readonly LayoutNode[], at: readonly Point[], rects: readonly Rect[]) => {
    for (const [i, node] of group.entries()) {
      positions.set(node.id, at[i]);
      orderOf.set(node.id, placedIds.length);
      placedIds.push(node.id);
    }
    taken.push(...rects);
  };
  for (const [index, ring] of rings(centre, nodes, adjacent).entries()) {
    if (index === 0 && ring[0].id === centre) {
      place(ring, [{ x: 0, y: 0 }], nodeRects({ x: 0, y: 0 }, ring[0].box));
      continue;
    }
    // Each entity hangs from its inner neighbour placed first; one reached from none rings them all.
    const groups = new Map<number, LayoutNode[]>();
    for (const node of ring) {
      const parent = Math.min(Infinity, ...(adjacent.get(node.id) ?? []).map((id) => orderOf.get(id) ?? Infinity));
      (groups.get(parent) ?? groups.set(parent, []).get(parent)!).push(node);
    }
    for (const [parent, members] of [...groups].sort(([a], [b]) => a - b)) {
      const group = besideEachOther(members, adjacent);
      const inGroup = new Set(group.map((node) => node.id));
      // Claims this group completes, each once: to entities already placed or within the group.
      const completed = [...new Set(group.flatMap((node) => edgesAt.get(node.id) ?? []))]
        .filter(
          (edge) =>
            edge.label !== undefined && [edge.source, edge.target].every((id) => positions.has(id) || inGroup.has(id)),
        )
        .sort((a, b) => byText(a.id, b.id));
      const anchorId = placedIds[parent];
      const anchor = anchorId === undefined ? { x: 0, y: 0 } : positions.get(anchorId)!;
      const farthest = Math.max(0, ...[...positions.values()].map((p) => Math.hypot(p.x, p.y)));
      const {
        at,
        rects,
        labels: placed,
      } = anchorId === undefined || anchorId === centre
        ? placeGroup(group, anchor, undefined, farthest + RING_GAP, completed, positions, taken)
        : placeGroup(group, anchor, Math.atan2(anchor.y, anchor.x), RING_GAP, completed, positions, taken);
      place(group, at, rects);
      for (const [id, point] of placed) {
        labels.set(id, point);
      }
    }
  }
  return { nodes: positions, labels };
}

/**
 * Splits a name into at most `maxLines` lines no wider than `maxWidth` (as `measure` reports), at
 * spaces; a name that does not fit ends in an ellipsis on its last line.
 */
export function wrapLabel(
  name: string,
  maxWidth: number,
  maxLines: number,
  measure: (text: string) => number,
): string[] {
  const words = name.trim().split(/\s+/);
  const lines: string[] = [];
  let next = 0;
  while (next < words.length && lines.length < maxLines) {
    let end = next + 1;
    while (end < words.length && measure(words.slice(next, end + 1).join(' ')) <= maxWidth) {
      end += 1;
    }
    lines.push(words.slice(next, end).join(' '));
    next = end;
    if (measure(lines[lines.length - 1]) > maxWidth) {
      break;
    }
  }
  const last = lines.length - 1;
  if (next < words.length || measure(lines[last]) > maxWidth) {
    let text = [lines[last], ...words.slice(next)].join(' ');
    while (text.length > 1 && measure(`${text}…`) > maxWidth) {
      text = text.slice(0, -1);
    }
    lines[last] = `${text.trimEnd()}…`;
  }
  return lines;
}
