// The graph view's key: each kind in the drawing with its shape and colour, in words as well, so
// nothing depends on telling colours apart.
import { type EntityType, TYPE_COLOUR, TYPE_LABEL, TYPE_SHAPE } from './model';
import { ShapeIcon } from './shapes';

export function GraphLegend({ types }: { types: readonly EntityType[] }) {
  return (
    <section className="graph-legend" aria-labelledby="graph-legend-heading">
      <h2 id="graph-legend-heading">Legend</h2>
      <ul data-testid="graph-legend">
        {types.map((type) => (
          <li key={type} data-type={type}>
            <ShapeIcon shape={TYPE_SHAPE[type]} colour={TYPE_COLOUR[type]} />
            <span className="legend-kind">{TYPE_LABEL[type]}</span>
            <span className="legend-shape">{TYPE_SHAPE[type]}</span>
          </li>
        ))}
      </ul>
      <p className="legend-note">
        An arrow points from the entity a relationship is about to the one it names; its label says what it states. A
        dark ring marks an entity whose neighbours are shown.
      </p>
    </section>
  );
}
