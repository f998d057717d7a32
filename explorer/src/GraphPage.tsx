// The neighbourhood of one entity drawn with Cytoscape.js. Each kind has its colour and shape, each
// relationship is labelled with what it states, and positions come from graphLayout.ts, so the
// same graph always gives the same picture. All claims between two entities share one edge
// (graphLinks.ts), so parallel claims do not curve over each other. Clicking (or tapping) an entity
// selects it and adds its own neighbourhood; clicking a relationship shows each of its claims with
// its evidence, provenance and sources. The lists under the
// drawing offer the same actions to keyboard and screen-reader users, who cannot use the canvas.
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { type ApiError, graphql } from './api';
import { Citations, ErrorMessage, LevelBadge, Loading, PageHeading, TypeBadge } from './components';
import { GraphLegend } from './GraphLegend';
import { layoutGraph, type LabelBox, wrapLabel } from './graphLayout';
import { type Link as ClaimLink, linkClaims, linkLabel, linkStatement } from './graphLinks';
import { type ClaimEvidence, GRAPH_NEIGHBORHOOD, type GraphNeighborhoodResult } from './graphQueries';
import { ENTITY_TYPES, enumLabel, relationVerb, typeColour, typeShape } from './model';
import { type EntityRef, NEIGHBOURS } from './queries';
import { Link } from './router';
import { SHAPE_DRAWING } from './shapes';
import { useSources } from './sources';
import { toApiError } from './useQuery';
import './graph.css';

/** The most the drawing holds before it stops growing. */
const MAX_NODES = 400;

const NODE_SIZE = 26;
const LABEL_FONT = { size: 11, family: 'Arial, Helvetica, sans-serif', lineHeight: 1.2 };
const EDGE_FONT_SIZE = 9;
const LABEL_WIDTH = 124;
const LABEL_LINES = 2;
const LABEL_MARGIN = 5;
const LABEL_PADDING = 2;
/** The ring that marks an expanded entity reaches this far beyond its shape. */
const RING = 5;
/** Small drawings are not blown up beyond this zoom. */
const MAX_DEFAULT_ZOOM = 1.25;

interface GraphNode extends EntityRef {
  expanded: boolean;
}

interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  evidence: ClaimEvidence;
}

type GraphLink = ClaimLink<GraphEdge>;

interface GraphState {
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  /** Entities whose neighbourhood the server cut short. */
  truncated: Set<string>;
}

const EMPTY: GraphState = { nodes: new Map(), edges: new Map(), truncated: new Set() };

function merge(state: GraphState, centre: string, answer: GraphNeighborhoodResult['neighborhood']): GraphState {
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
      edges.set(edge.id, edge);
    }
  }
  const truncated = new Set(state.truncated);
  if (answer.truncated) {
    truncated.add(centre);
  }
  return { nodes, edges, truncated };
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** "MSB-DR001 … studies Degenerative disc disease". */
function sentence(edge: GraphEdge, nodes: Map<string, GraphNode>): { subject: string; verb: string; object: string } {
  const subject = nodes.get(edge.source);
  const object = nodes.get(edge.target);
  return {
    subject: subject?.name ?? edge.source,
    verb: relationVerb(edge.type, subject?.__typename ?? '', object?.__typename ?? ''),
    object: object?.name ?? edge.target,
  };
}

interface LinkReading {
  subject: string;
  object: string;
  /** The statements the claims make, each once ("studies", "is a kind of · contributes to"). */
  statement: string;
  claims: number;
  /** The canvas label: the statement and, for more than one claim, how many. */
  label: string;
  /** Claims state different things or point both ways, so each claim's own sentence is shown. */
  mixed: boolean;
}

function readLink(link: GraphLink, nodes: Map<string, GraphNode>): LinkReading {
  const verbs = link.claims.map((claim) => sentence(claim, nodes).verb);
  const { statement, claims } = linkStatement(verbs);
  return {
    subject: nodes.get(link.source)?.name ?? link.source,
    object: nodes.get(link.target)?.name ?? link.target,
    statement,
    claims,
    label: linkLabel(verbs),
    mixed: link.bothWays || new Set(verbs).size > 1,
  };
}

/** "MSB-DR001 … studies Degenerative disc disease (2 claims)", or "Between A and B: …" both ways. */
function linkText(link: GraphLink, reads: LinkReading): string {
  const count = reads.claims > 1 ? ` (${reads.claims} claims)` : '';
  return link.bothWays
    ? `Between ${reads.subject} and ${reads.object}: ${reads.statement}${count}`
    : `${reads.subject} ${reads.statement} ${reads.object}${count}`;
}

/** linkText with the statement emphasised. */
function LinkSentence({ link, reads }: { link: GraphLink; reads: LinkReading }) {
  const count = reads.claims > 1 ? ` (${reads.claims} claims)` : '';
  return link.bothWays ? (
    <>
      Between {reads.subject} and {reads.object}: <em>{reads.statement}</em>
      {count}
    </>
  ) : (
    <>
      {reads.subject} <em>{reads.statement}</em> {reads.object}
      {count}
    </>
  );
}

let measuring: CanvasRenderingContext2D | null | undefined;

/** Text width in the labels' font, as the canvas will draw it. */
function measure(text: string, size = LABEL_FONT.size): number {
  measuring ??= document.createElement('canvas').getContext('2d');
  if (measuring === null) {
    return text.length * size * 0.6;
  }
  measuring.font = `${size}px ${LABEL_FONT.family}`;
  return measuring.measureText(text).width;
}

function labelOf(name: string): { text: string; box: LabelBox } {
  const lines = wrapLabel(name, LABEL_WIDTH, LABEL_LINES, (text) => measure(text));
  const width = Math.max(...lines.map((line) => measure(line))) + 2 * LABEL_PADDING;
  const height = lines.length * LABEL_FONT.size * LABEL_FONT.lineHeight + 2 * LABEL_PADDING;
  return {
    text: lines.join('\n'),
    box: {
      width: Math.max(width, NODE_SIZE + 2 * RING),
      above: NODE_SIZE / 2 + RING,
      below: NODE_SIZE / 2 + LABEL_MARGIN + height,
    },
  };
}

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'data(shape)' as cytoscape.Css.NodeShape,
      'background-color': 'data(colour)',
      width: NODE_SIZE,
      height: NODE_SIZE,
      'border-width': 1.5,
      'border-color': '#1a1a1a',
      label: 'data(label)',
      'font-family': LABEL_FONT.family,
      'font-size': LABEL_FONT.size,
      'line-height': LABEL_FONT.lineHeight,
      color: '#1a1a1a',
      'text-valign': 'bottom',
      'text-halign': 'center',
      'text-margin-y': LABEL_MARGIN,
      'text-wrap': 'wrap',
      'text-max-width': '1000px',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': `${LABEL_PADDING}px`,
    },
  },
  {
    selector: 'node[?expanded]',
    style: { 'outline-width': 2, 'outline-color': '#1a1a1a', 'outline-offset': RING - 2 },
  },
  {
    selector: 'node:selected',
    style: {
      'underlay-color': '#d55e00',
      'underlay-opacity': 0.35,
      'underlay-padding': RING + 3,
      'underlay-shape': 'ellipse',
    },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#6b7785',
      'target-arrow-color': '#6b7785',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.9,
      'curve-style': 'bezier',
      label: 'data(label)',
      'font-family': LABEL_FONT.family,
      'font-size': EDGE_FONT_SIZE,
      'line-height': LABEL_FONT.lineHeight,
      color: '#3a4450',
      'text-rotation': 'autorotate',
      'text-background-color': '#fbfcfd',
      'text-background-opacity': 0.9,
      'text-background-padding': '1px',
      'text-events': 'yes',
      'text-margin-x': (edge: cytoscape.EdgeSingular) => Number(edge.data('shiftX')),
      'text-margin-y': (edge: cytoscape.EdgeSingular) => Number(edge.data('shiftY')),
    },
  },
  {
    selector: 'edge[?bothWays]',
    style: { 'source-arrow-color': '#6b7785', 'source-arrow-shape': 'triangle' },
  },
  {
    selector: 'edge.near',
    style: { 'line-color': '#d55e00', 'target-arrow-color': '#d55e00', 'source-arrow-color': '#d55e00', width: 2.5 },
  },
  {
    selector: 'edge.open',
    style: {
      'line-color': '#1a1a1a',
      'target-arrow-color': '#1a1a1a',
      'source-arrow-color': '#1a1a1a',
      width: 3.5,
      color: '#1a1a1a',
    },
  },
];

/** One claim of a relationship: its evidence, who made it, and its sources. */
function ClaimFacts({
  claim,
  nodes,
  position,
  showSentence,
}: {
  claim: GraphEdge;
  nodes: Map<string, GraphNode>;
  /** Its place among the relationship's claims, when there are several. */
  position: { index: number; of: number } | undefined;
  showSentence: boolean;
}) {
  const { error, retry } = useSources(claim.evidence.sourceIds);
  const reads = sentence(claim, nodes);
  const SourcesHeading = position === undefined ? 'h3' : 'h4';
  return (
    <li className="edge-claim" data-testid="edge-claim" data-claim={claim.id}>
      {position !== undefined && (
        <h3>
          Claim {position.index + 1} of {position.of}
        </h3>
      )}
      {showSentence && (
        <p className="claim-sentence">
          {reads.subject} <em>{reads.verb}</em> {reads.object}
        </p>
      )}
      <dl className="edge-facts">
        <dt>Evidence level</dt>
        <dd data-testid="edge-level">
          <LevelBadge level={claim.evidence.level} />
        </dd>
        <dt>Knowledge level</dt>
        <dd data-testid="edge-knowledge-level">{enumLabel(claim.evidence.knowledgeLevel)}</dd>
        {claim.evidence.score !== null && (
          <>
            <dt>Evidence score</dt>
            <dd data-testid="edge-score">{claim.evidence.score.value.toFixed(2)}</dd>
          </>
        )}
        <dt>Made by</dt>
        <dd data-testid="edge-agent">{enumLabel(claim.evidence.agentType)}</dd>
        <dt>Origin</dt>
        <dd data-testid="edge-origin">
          {claim.evidence.retrievedAt === null
            ? 'Curated'
            : `Ingested from a record retrieved ${claim.evidence.retrievedAt.slice(0, 10)}`}
        </dd>
        {claim.evidence.note !== null && (
          <>
            <dt>Note</dt>
            <dd>{claim.evidence.note}</dd>
          </>
        )}
      </dl>
      <SourcesHeading>Sources</SourcesHeading>
      {error !== undefined ? (
        <ErrorMessage error={error} onRetry={retry} />
      ) : (
        <Citations sourceIds={claim.evidence.sourceIds} />
      )}
    </li>
  );
}

function EdgeEvidence({
  link,
  nodes,
  takeFocus,
  onClose,
}: {
  link: GraphLink;
  nodes: Map<string, GraphNode>;
  /** Opened from the keyboard: focus moves to the panel, so it is read next. */
  takeFocus: boolean;
  onClose: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const reads = readLink(link, nodes);
  const several = link.claims.length > 1;
  useEffect(() => {
    if (takeFocus) {
      heading.current?.focus({ preventScroll: true });
    }
  }, [link.id, takeFocus]);
  return (
    <section className="edge-evidence" aria-labelledby="edge-evidence-heading" data-testid="edge-evidence">
      <h2 id="edge-evidence-heading" ref={heading} tabIndex={-1}>
        Relationship
      </h2>
      <p className="edge-sentence">
        <Link to={{ name: 'entity', id: link.source }}>{reads.subject}</Link>{' '}
        {link.bothWays ? 'and' : <em>{reads.statement}</em>}{' '}
        <Link to={{ name: 'entity', id: link.target }}>{reads.object}</Link>
        {several && `, backed by ${link.claims.length} claims`}
      </p>
      <ol className="edge-claims">
        {link.claims.map((claim, index) => (
          <ClaimFacts
            key={claim.id}
            claim={claim}
            nodes={nodes}
            position={several ? { index, of: link.claims.length } : undefined}
            showSentence={reads.mixed}
          />
        ))}
      </ol>
      <button type="button" className="secondary" onClick={onClose}>
        Close
      </button>
    </section>
  );
}

export function GraphPage({ id }: { id: string }) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [graph, setGraph] = useState<GraphState>(EMPTY);
  const [selected, setSelected] = useState<string>(id);
  const [openEdge, setOpenEdge] = useState<{ id: string; fromList: boolean } | undefined>(undefined);
  const [hover, setHover] = useState<{ text: string; x: number; y: number } | undefined>(undefined);
  const [pending, setPending] = useState<string | undefined>(id);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  // Expansions answered after the page moved to another entity are dropped.
  const generation = useRef(0);

  const expand = useCallback((nodeId: string) => {
    const started = generation.current;
    setSelected(nodeId);
    setPending(nodeId);
    setError(undefined);
    graphql<GraphNeighborhoodResult>(GRAPH_NEIGHBORHOOD, { id: nodeId, limit: NEIGHBOURS }).then(
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
    setOpenEdge(undefined);
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
      autoungrabify: true,
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, []);

  // Clicking a node selects it and grows the drawing from it; clicking an edge opens its evidence.
  const links = useMemo(() => linkClaims(graph.edges.values()), [graph.edges]);
  const graphRef = useRef({ ...graph, links });
  graphRef.current = { ...graph, links };
  useEffect(() => {
    const instance = cy.current;
    if (instance === null) {
      return;
    }
    const onNode = (event: cytoscape.EventObject) => {
      const nodeId = String(event.target.id());
      if (graphRef.current.nodes.get(nodeId)?.expanded === true) {
        setSelected(nodeId);
      } else {
        expand(nodeId);
      }
    };
    const onEdge = (event: cytoscape.EventObject) => setOpenEdge({ id: String(event.target.id()), fromList: false });
    const onOver = (event: cytoscape.EventObject) => {
      const element = event.target as cytoscape.SingularElementArgument;
      const state = graphRef.current;
      const link = element.isEdge() ? state.links.find((l) => l.id === element.id()) : undefined;
      const text = link === undefined ? String(element.data('name')) : linkText(link, readLink(link, state.nodes));
      const at = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
      setHover({ text, x: at.x, y: at.y });
    };
    const onOut = () => setHover(undefined);
    instance.on('tap', 'node', onNode);
    instance.on('tap', 'edge', onEdge);
    instance.on('mouseover', 'node, edge', onOver);
    instance.on('mouseout', 'node, edge', onOut);
    instance.on('viewport', onOut);
    return () => {
      instance.off('tap', 'node', onNode);
      instance.off('tap', 'edge', onEdge);
      instance.off('mouseover', 'node, edge', onOver);
      instance.off('mouseout', 'node, edge', onOut);
      instance.off('viewport', onOut);
    };
  }, [expand]);

  // Draw the graph as it now is, every entity where the layout puts it, and fit it in view.
  useEffect(() => {
    const instance = cy.current;
    if (instance === null) {
      return;
    }
    if (graph.nodes.size === 0) {
      instance.elements().remove();
      return;
    }
    const nodes = [...graph.nodes.values()].sort(byId);
    const labels = new Map(nodes.map((node) => [node.id, labelOf(node.name)]));
    const edgeLabels = new Map(links.map((link) => [link.id, readLink(link, graph.nodes).label]));
    const layout = layoutGraph(
      id,
      nodes.map((node) => ({
        id: node.id,
        name: node.name,
        kindRank: (ENTITY_TYPES as readonly string[]).indexOf(node.__typename),
        box: labels.get(node.id)!.box,
      })),
      links.map((link) => ({
        id: link.id,
        source: link.source,
        target: link.target,
        label: {
          width: measure(edgeLabels.get(link.id)!, EDGE_FONT_SIZE) + 2,
          height: EDGE_FONT_SIZE * LABEL_FONT.lineHeight + 2,
        },
      })),
    );
    instance.batch(() => {
      const additions: ElementDefinition[] = [];
      for (const node of nodes) {
        const data = {
          id: node.id,
          name: node.name,
          label: labels.get(node.id)!.text,
          colour: typeColour(node.__typename),
          shape: SHAPE_DRAWING[typeShape(node.__typename)].cytoscape,
          expanded: node.expanded,
        };
        const position = layout.nodes.get(node.id)!;
        const existing = instance.getElementById(node.id);
        if (existing.nonempty()) {
          existing.data(data);
          existing.position(position);
        } else {
          additions.push({ group: 'nodes', data, position: { ...position } });
        }
      }
      const drawn = new Set(links.map((link) => link.id));
      instance
        .edges()
        .filter((edge) => !drawn.has(edge.id()))
        .remove();
      for (const link of links) {
        // Cytoscape draws a label at its edge's middle; the layout may have moved it along the edge.
        const [from, to] = [layout.nodes.get(link.source)!, layout.nodes.get(link.target)!];
        const at = layout.labels.get(link.id) ?? { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
        const data = {
          label: edgeLabels.get(link.id),
          bothWays: link.bothWays,
          shiftX: at.x - (from.x + to.x) / 2,
          shiftY: at.y - (from.y + to.y) / 2,
        };
        const existing = instance.getElementById(link.id);
        // A claim with a smaller id that points the other way turns the edge round.
        const turned =
          existing.nonempty() && (existing.data('source') !== link.source || existing.data('target') !== link.target);
        if (turned) {
          existing.remove();
        }
        if (existing.nonempty() && !turned) {
          existing.data(data);
        } else {
          additions.push({ group: 'edges', data: { id: link.id, source: link.source, target: link.target, ...data } });
        }
      }
      instance.add(additions);
    });
    instance.resize();
    instance.fit(undefined, 24);
    if (instance.zoom() > MAX_DEFAULT_ZOOM) {
      instance.zoom(MAX_DEFAULT_ZOOM);
      instance.center();
    }
  }, [graph, links, id]);

  // Keep Cytoscape's selection in step with the page's (the lists below can select too).
  useEffect(() => {
    const instance = cy.current;
    if (instance === null) {
      return;
    }
    instance.nodes(':selected').unselect();
    instance.edges('.near').removeClass('near');
    instance.edges('.open').removeClass('open');
    const chosen = instance.getElementById(selected);
    chosen.select();
    chosen.connectedEdges().addClass('near');
    if (openEdge !== undefined) {
      instance.getElementById(openEdge.id).addClass('open');
    }
  }, [selected, openEdge, graph]);

  const centre = graph.nodes.get(id);
  const chosen = graph.nodes.get(selected);
  const openLink = openEdge === undefined ? undefined : links.find((link) => link.id === openEdge.id);
  const present = ENTITY_TYPES.filter((type) => [...graph.nodes.values()].some((node) => node.__typename === type));
  const nodeList = [...graph.nodes.values()].sort((a, b) => a.name.localeCompare(b.name) || byId(a, b));
  const linkList = links
    .map((link) => ({ link, reads: readLink(link, graph.nodes) }))
    .sort((a, b) => a.reads.subject.localeCompare(b.reads.subject) || byId(a.link, b.link));
  const connections = linkList.filter(({ link }) => link.source === selected || link.target === selected);
  const claimCount = graph.edges.size === links.length ? '' : `, backed by ${graph.edges.size} claims`;
  const title = centre === undefined ? 'Graph view' : `Graph around ${centre.name}`;

  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">
        Click an entity to select it and add its neighbours; click a relationship to see its evidence.{' '}
        {centre !== undefined && <Link to={{ name: 'entity', id }}>Back to {centre.name}</Link>}
      </p>
      <p className="graph-count" role="status" data-testid="graph-count" data-nodes={graph.nodes.size}>
        {graph.nodes.size} entities, {links.length} relationships{claimCount}
        {pending !== undefined && ' — loading neighbours…'}
      </p>
      {error !== undefined && <ErrorMessage error={error} onRetry={() => expand(selected)} />}
      <div className="graph-layout">
        <div className="graph-stage">
          <div
            ref={container}
            onMouseLeave={() => setHover(undefined)}
            className="graph-canvas"
            role="img"
            aria-label={`Network drawing of ${graph.nodes.size} entities and ${links.length} relationships. The lists below offer the same actions from the keyboard.`}
          />
          {hover !== undefined && (
            <div className="graph-tooltip" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
              {hover.text}
            </div>
          )}
        </div>
        <aside className="graph-side" aria-label="Legend and selection">
          {openLink !== undefined && (
            <EdgeEvidence
              link={openLink}
              nodes={graph.nodes}
              takeFocus={openEdge?.fromList === true}
              onClose={() => {
                setOpenEdge(undefined);
                if (openEdge?.fromList === true) {
                  document.querySelector<HTMLElement>(`[data-link="${openLink.id}"]`)?.focus();
                }
              }}
            />
          )}
          <GraphLegend types={present.length > 0 ? present : ENTITY_TYPES} />
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
                <ul className="connections" tabIndex={0} aria-label={`Relationships of ${chosen.name}`}>
                  {connections.map(({ link, reads }) => (
                    <li key={link.id}>
                      <LinkSentence link={link} reads={reads} />
                    </li>
                  ))}
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
          {nodeList.map((node) => (
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
      <details className="graph-list" data-testid="graph-edges">
        <summary>Relationships in the drawing ({links.length})</summary>
        <ul>
          {linkList.map(({ link, reads }) => (
            <li key={link.id}>
              <button
                type="button"
                className="link-button"
                aria-pressed={link.id === openEdge?.id}
                data-link={link.id}
                data-claims={link.claims.map((claim) => claim.id).join(' ')}
                onClick={() => setOpenEdge({ id: link.id, fromList: true })}
              >
                <LinkSentence link={link} reads={reads} />
              </button>
            </li>
          ))}
        </ul>
      </details>
    </>
  );
}
