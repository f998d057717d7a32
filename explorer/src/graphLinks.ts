// Which claims the graph view draws as one edge. Cytoscape curves edges that join the same two
// entities, and the layout (graphLayout.ts) models straight edges only, so every claim between
// one pair of entities, whatever its type or direction, shares one straight edge: parallel claims
// (a curated one and a registry's, say) read "studies (2 claims)", and the evidence panel lists
// each claim. A pure function of the claims, never of the order the API listed them in.

export interface Claim {
  id: string;
  source: string;
  target: string;
  type: string;
}

export interface Link<C extends Claim> {
  /** Named after the pair, so it stays the same edge as more of the pair's claims arrive. */
  id: string;
  /** The subject and object of the first claim by id; the edge's arrow points to `target`. */
  source: string;
  target: string;
  /** The pair's claims, by id. */
  claims: C[];
  /** Some claim points from `target` to `source`: the edge has an arrow at both ends. */
  bothWays: boolean;
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function linkId(a: string, b: string): string {
  const [first, second] = byText(a, b) <= 0 ? [a, b] : [b, a];
  return `link:${first}|${second}`;
}

/** The claims grouped by the pair of entities they join, in order of their ids. */
export function linkClaims<C extends Claim>(claims: Iterable<C>): Array<Link<C>> {
  const pairs = new Map<string, C[]>();
  for (const claim of claims) {
    const id = linkId(claim.source, claim.target);
    (pairs.get(id) ?? pairs.set(id, []).get(id)!).push(claim);
  }
  return [...pairs]
    .sort(([a], [b]) => byText(a, b))
    .map(([id, members]) => {
      const sorted = [...members].sort((a, b) => byText(a.id, b.id));
      const { source, target } = sorted[0];
      return {
        id,
        source,
        target,
        claims: sorted,
        bothWays: sorted.some((claim) => claim.source !== source),
      };
    });
}

/**
 * What an edge states: each distinct statement once, in the order of the claims, and how many
 * claims back them.
 */
export function linkStatement(statements: readonly string[]): { statement: string; claims: number } {
  return { statement: [...new Set(statements)].join(' · '), claims: statements.length };
}

/** The edge's label: "studies", or "studies (2 claims)" when more than one claim backs it. */
export function linkLabel(statements: readonly string[]): string {
  const { statement, claims } = linkStatement(statements);
  return claims > 1 ? `${statement} (${claims} claims)` : statement;
}
