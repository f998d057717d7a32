// How the explorer draws an entity kind. Colours come from Paul Tol's muted qualitative scheme
// (https://personal.sron.nl/~pault/), which stays distinguishable with the common colour-vision
// deficiencies, plus black; each kind also has its own shape, so no kind is told apart by colour
// alone.

export const PALETTE = {
  rose: '#CC6677',
  indigo: '#332288',
  sand: '#DDCC77',
  green: '#117733',
  cyan: '#88CCEE',
  wine: '#882255',
  teal: '#44AA99',
  olive: '#999933',
  purple: '#AA4499',
  paleGrey: '#DDDDDD',
  black: '#000000',
} as const;

/** Shapes the explorer can draw, named as a legend reads them. */
export const NODE_SHAPES = [
  'circle',
  'rounded square',
  'diamond',
  'hexagon',
  'triangle',
  'pentagon',
  'octagon',
  'star',
  'parallelogram',
  'tag',
  'chevron',
] as const;

export type NodeShape = (typeof NODE_SHAPES)[number];

export interface KindDisplay {
  /** The kind's name in words, e.g. "Cell type". */
  name: string;
  /** Fill colour, `#RRGGBB`. */
  colour: string;
  shape: NodeShape;
}
