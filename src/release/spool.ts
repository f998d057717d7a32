// One read of the graph for every file of a release. The exporters read their GraphSource once per
// format (and the seed format once per label), and a graph written to between those reads would
// give files that disagree. So the release reads the database once into a spool file (JSON lines,
// so memory does not grow with the graph) and every format is written from the spool; the counts in
// the manifest are counted from the same read.
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { GraphSource } from '../export';
import type { GraphClaim, GraphNode } from '../export/records';
import type { Label } from '../graph/model';

type SpoolLine = ['node', GraphNode] | ['claim', GraphClaim];

export interface SpoolCounts {
  nodes: Map<Label, number>;
  relationships: Map<string, number>;
}

async function* spoolLines(file: string): AsyncGenerator<SpoolLine> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line !== '') {
      yield JSON.parse(line) as SpoolLine;
    }
  }
}

const increment = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

/** Writes `from` to `file` once, counting nodes per label and claims per type as they pass. */
export async function spoolGraph(from: GraphSource, file: string): Promise<SpoolCounts> {
  const counts: SpoolCounts = { nodes: new Map(), relationships: new Map() };
  const out = createWriteStream(file, 'utf8');
  const write = async (line: SpoolLine) => {
    if (!out.write(`${JSON.stringify(line)}\n`)) {
      await once(out, 'drain');
    }
  };
  try {
    for await (const node of from.nodes()) {
      increment(counts.nodes, node.label);
      await write(['node', node]);
    }
    for await (const claim of from.claims()) {
      increment(counts.relationships, claim.type);
      await write(['claim', claim]);
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return counts;
}

/** The spooled graph as a source for the exporters: the order it was read in (labels, then ids). */
export function spoolSource(file: string): GraphSource {
  return {
    async *nodes(label?: Label) {
      for await (const [kind, item] of spoolLines(file)) {
        if (kind === 'node' && (label === undefined || item.label === label)) {
          yield item;
        }
      }
    },
    async *claims() {
      for await (const [kind, item] of spoolLines(file)) {
        if (kind === 'claim') {
          yield item;
        }
      }
    },
  };
}
