// The neighbourhood of one entity drawn with Cytoscape.js, coloured by type. Clicking (or tapping)
// an entity selects it and adds its own neighbourhood to the drawing. The list under the drawing
// offers the same actions to keyboard and screen-reader users, who cannot use the canvas.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ApiError, graphql } from './api';
import { ErrorMessage, Loading, PageHeading, TypeBadge } from './components';
import { ENTITY_TYPES, enumLabel, typeColour, typeLabel } from './model';
import { type EntityRef, NEIGHBORHOOD, type NeighborhoodResult, NEIGHBOURS } from './queries';
import { Link } from './router';
import { toApiError } from './useQuery';

/** The most the drawing holds before it stops growing. */
const MAX_NODES = 400;

interface GraphNode extends EntityRef {
  expanded: boolean;
}

interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
}

interface GraphState {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  /** Entities whose neighbourhood the server cut short. */
  truncated: Set<string>;
}

const EMPTY: GraphState = { nodes: new Map(), edges: new Map(), truncated: new Set() };

function merge(state: GraphState, centre: string, answer: NeighborhoodResult['neighborhood']): GraphState {
  const nodes = new Map(state.nodes);
  for (const node of answer.nodes) {
    if (!nodes.has(node.id) && nodes.size >= MAX_NODES) {
      continue;
    }
    const known = nodes.get(node.id);
    nodes.set(node.id, { ...node, expanded: known?.expanded === true || node.id === centre });
  }
  const edges = new Map(state.edges);
  for (const edge of answer.edges) {
    if (nodes.has(edge.source) && nodes.has(edge.target)) {
      edges.set(edge.id, { id: edge.id, source: edge.source, target: edge.target, type: edge.type });
    }
  }
  const truncated = new Set(state.truncated);
  if (answer.truncated) {
    truncated.add(centre);
  }
  return { nodes, edges, truncated };
}

function shortLabel(name: string): string {
  return name.length > 32 ? `${name.slice(0, 30)}…` : name;
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(label)',
      'font-size': 9,
      color: '#1a1a1a',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      'text-wrap': 'wrap',
      'text-max-width': '110px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.75,
      'text-background-padding': '1px',
      width: 20,
      height: 20,
      'border-width': 1,
      'border-color': '#ffffff',
    },
  },
  { selector: 'node[?expanded]', style: { 'border-width': 3, 'border-color': '#1a1a1a' } },
  { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#f4a259', width: 26, height: 26 } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#9aa5b1',
      'target-arrow-color': '#9aa5b1',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
    },
  },
  {
    selector: 'edge.near',
    style: { 'line-color': '#f4a259', 'target-arrow-color': '#f4a259', width: 2.5 },
  },
];

export function GraphPage({ id }: { id: string }) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [graph, setGraph] = useState<GraphState>(EMPTY);
  const [selected, setSelected] = useState<string>(id);
  const [pending, setPending] = useState<string | undefined>(id);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  // Expansions answered after the page moved to another entity are dropped.
  const generation = useRef(0);

  const expand = useCallback((nodeId: string) => {
    const started = generation.current;
    setSelected(nodeId);
    setPending(nodeId);
    setError(undefined);
    graphql<NeighborhoodResult>(NEIGHBORHOOD, { id: nodeId, limit: NEIGHBOURS }).then(
      (data) => {
        if (started === generation.current) {
          setGraph((state) => merge(state, nodeId, data.neighborhood));
          setPending(undefined);
        }
      },
      (failure: unknown) => {
        if (started === generation.current) {
          setError(toApiError(failure));
          setPending(undefined);
        }
      },
    );
  }, []);

  // A new centre starts a new drawing.
  useEffect(() => {
    generation.current += 1;
    setGraph(EMPTY);
    expand(id);
  }, [id, expand]);

  // One Cytoscape instance per page; it is told about new elements below.
  useEffect(() => {
    if (container.current === null) {
      return;
    }
    const instance = cytoscape({
      container: container.current,
      style: STYLE,
      minZoom: 0.2,
      maxZoom: 3,
      boxSelectionEnabled: false,
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, []);

  // Clicking a node selects it and grows the drawing from it.
  const graphRef = useRef(graph);
  graphRef.current = graph;
  useEffect(() => {
    const instance = cy.current;
    if (instance === null) {
      return;
    }
    const onTap = (event: cytoscape.EventObject) => {
      const nodeId = String(event.target.id());
      if (graphRef.current.nodes.get(nodeId)?.expanded === true) {
        setSelected(nodeId);
      } else {
        expand(nodeId);
      }
    };
    instance.on('tap', 'node', onTap);
    return () => {
      instance.off('tap', 'node', onTap);
    };
  }, [expand]);

  // Add what is new, place it near the entity it came from, and lay the drawing out again.
  useEffect(() => {
    const instance = cy.current;
    if (instance === null) {
      return;
    }
    if (graph.nodes.size === 0) {
      instance.elements().remove();
      return;
    }
    const additions: ElementDefinition[] = [];
    const origin = instance.getElementById(selected);
    const near = origin.nonempty() ? origin.position() : { x: 0, y: 0 };
    for (const node of graph.nodes.values()) {
      const existing = instance.getElementById(node.id);
      const data = {
        id: node.id,
        label: shortLabel(node.name),
        colour: typeColour(node.__typename),
        expanded: node.expanded,
      };
      if (existing.nonempty()) {
        existing.data(data);
      } else {
        additions.push({
          group: 'nodes',
          data,
          position: { x: near.x + (Math.random() - 0.5) * 80, y: near.y + (Math.random() - 0.5) * 80 },
        });
      }
    }
    for (const edge of graph.edges.values()) {
      if (instance.getElementById(edge.id).empty()) {
        additions.push({
          group: 'edges',
          data: { id: edge.id, source: edge.source, target: edge.target, type: edge.type },
        });
      }
    }
    if (additions.length > 0) {
      instance.add(additions);
      instance
        .layout({
          name: 'cose',
          animate: false,
          randomize: false,
          fit: true,
          padding: 30,
          nodeRepulsion: () => 9000,
          idealEdgeLength: () => 70,
        })
        .run();
    }
  }, [graph, selected]);

  // Keep Cytoscape's selection in step with the page's (the list below can select too).
  useEffect(() => {
    const instance = cy.current;
    if (instance === null) {
      return;
    }
    instance.nodes(':selected').unselect();
    instance.edges('.near').removeClass('near');
    const chosen = instance.getElementById(selected);
    chosen.select();
    chosen.connectedEdges().addClass('near');
  }, [selected, graph]);

  const centre = graph.nodes.get(id);
  const chosen = graph.nodes.get(selected);
  const present = ENTITY_TYPES.filter((type) => [...graph.nodes.values()].some((node) => node.__typename === type));
  const connections = [...graph.edges.values()].filter((edge) => edge.source === selected || edge.target === selected);
  const title = centre === undefined ? 'Graph view' : `Graph around ${centre.name}`;

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">
        Click an entity to select it and add its neighbours. Entities with a dark ring have been expanded.{' '}
        {centre !== undefined && <Link to={{ name: 'entity', id }}>Back to {centre.name}</Link>}
      </p>
      <p className="graph-count" role="status" data-testid="graph-count" data-nodes={graph.nodes.size}>
        {graph.nodes.size} entities, {graph.edges.size} relationships
        {pending !== undefined && ' — loading neighbours…'}
      </p>
      {error !== undefined && <ErrorMessage error={error} onRetry={() => expand(selected)} />}
      <div className="graph-layout">
        <div
          ref={container}
          className="graph-canvas"
          role="img"
          aria-label={`Network drawing of ${graph.nodes.size} entities and ${graph.edges.size} relationships. The list of entities below offers the same actions from the keyboard.`}
        />
        <aside className="graph-side" aria-label="Legend and selection">
          <h2>Legend</h2>
          <ul className="legend">
            {(present.length > 0 ? present : ENTITY_TYPES).map((type) => (
              <li key={type}>
                <span className="swatch" style={{ background: typeColour(type) }} aria-hidden="true" />
                {typeLabel(type)}
              </li>
            ))}
          </ul>
          {chosen !== undefined && (
            <div className="selection">
              <h2>Selected</h2>
              <TypeBadge typename={chosen.__typename} />
              <p className="selection-name">{chosen.name}</p>
              <p className="actions">
                <Link className="button" to={{ name: 'entity', id: chosen.id }}>
                  Open page
                </Link>
                {!chosen.expanded && (
                  <button type="button" className="secondary" onClick={() => expand(chosen.id)}>
                    Expand
                  </button>
                )}
              </p>
              {graph.truncated.has(chosen.id) && (
                <p className="muted">Only the nearest {NEIGHBOURS} neighbours are shown.</p>
              )}
              {connections.length > 0 && (
                <ul className="connections">
                  {connections.map((edge) => {
                    const otherId = edge.source === chosen.id ? edge.target : edge.source;
                    const other = graph.nodes.get(otherId);
                    return (
                      <li key={edge.id}>
                        {edge.source === chosen.id ? '→ ' : '← '}
                        {enumLabel(edge.type)}: {other?.name ?? otherId}
                      </li>
                    );
                  })}
                </ul>
              )}
            </div>
          )}
        </aside>
      </div>
      {pending !== undefined && graph.nodes.size === 0 && <Loading label="Loading the neighbourhood…" />}
      {graph.nodes.size >= MAX_NODES && (
        <p className="muted">The drawing holds at most {MAX_NODES} entities; open a page to start from there.</p>
      )}
      <details className="graph-list">
        <summary>Entities in the drawing ({graph.nodes.size})</summary>
        <ul>
          {[...graph.nodes.values()].map((node) => (
            <li key={node.id}>
              <TypeBadge typename={node.__typename} />{' '}
              <button
                type="button"
                className="link-button"
                aria-pressed={node.id === selected}
                onClick={() => (node.expanded ? setSelected(node.id) : expand(node.id))}
              >
                {node.name}
              </button>
              {node.expanded ? <span className="muted"> (expanded)</span> : null}
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
