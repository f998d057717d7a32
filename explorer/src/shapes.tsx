// The kinds' shapes (named in src/graph/entity/display.ts) as Cytoscape draws them on the canvas
// and as SVG outlines for the legend, in a 20 × 20 box.
import type { KindShape } from './model';

function regularPolygon(sides: number, flatTop: boolean): number[][] {
  const step = (2 * Math.PI) / sides;
  const start = -Math.PI / 2 + (flatTop ? step / 2 : 0);
  return Array.from({ length: sides }, (_, i) => [Math.cos(start + i * step), Math.sin(start + i * step)]);
}

function star(): number[][] {
  const inner = 0.5 * (3 - Math.sqrt(5)) * 1.57;
  return Array.from({ length: 10 }, (_, i) => {
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    const radius = i % 2 === 0 ? 1 : inner;
    return [radius * Math.cos(angle), radius * Math.sin(angle)];
  });
}

interface ShapeDrawing {
  cytoscape: string;
  /** Points in [-1, 1]², or undefined for shapes SVG draws as an element of its own. */
  outline?: number[][];
}

export const SHAPE_DRAWING: Record<KindShape, ShapeDrawing> = {
  circle: { cytoscape: 'ellipse' },
  'rounded square': { cytoscape: 'round-rectangle' },
  diamond: {
    cytoscape: 'diamond',
    outline: [
      [0, -1],
      [1, 0],
      [0, 1],
      [-1, 0],
    ],
  },
  hexagon: { cytoscape: 'hexagon', outline: regularPolygon(6, true) },
  triangle: { cytoscape: 'triangle', outline: regularPolygon(3, false) },
  pentagon: { cytoscape: 'pentagon', outline: regularPolygon(5, false) },
  octagon: { cytoscape: 'octagon', outline: regularPolygon(8, true) },
  star: { cytoscape: 'star', outline: star() },
  parallelogram: {
    cytoscape: 'rhomboid',
    outline: [
      [-1, -0.7],
      [0.333, -0.7],
      [1, 0.7],
      [-0.333, 0.7],
    ],
  },
  tag: {
    cytoscape: 'tag',
    outline: [
      [-1, -0.7],
      [0.25, -0.7],
      [1, 0],
      [0.25, 0.7],
      [-1, 0.7],
    ],
  },
  chevron: {
    cytoscape: 'vee',
    outline: [
      [-1, -1],
      [0, -0.333],
      [1, -1],
      [0, 1],
    ],
  },
};

/** The kind's shape, filled with its colour, as the legend and the edge list show it. */
export function ShapeIcon({ shape, colour, size = 16 }: { shape: KindShape; colour: string; size?: number }) {
  const outline = SHAPE_DRAWING[shape].outline;
  const paint = { fill: colour, stroke: '#1a1a1a', strokeWidth: 1.2 };
  return (
    <svg className="shape-icon" width={size} height={size} viewBox="-11 -11 22 22" aria-hidden="true" focusable="false">
      {shape === 'circle' && <circle r={9.5} {...paint} />}
      {shape === 'rounded square' && <rect x={-9.5} y={-9.5} width={19} height={19} rx={4} {...paint} />}
      {outline !== undefined && (
        <polygon
          points={outline.map(([x, y]) => `${(x * 9.5).toFixed(2)},${(y * 9.5).toFixed(2)}`).join(' ')}
          {...paint}
        />
      )}
    </svg>
  );
}
