// manifest.json of a release: what it is (version, date, software), what it holds (counts per label
// and relationship type, every file with its size and sha256), where its data comes from (every
// Source with its version) and under which licence. The graph records the manifest's own sha256.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { entityRecordOf, type GraphNode, type Properties } from '../export/records';
import { RELATIONSHIP_TYPES } from '../graph/enums';
import { LABELS } from '../graph/registry';
import { attributionOf, citationText, type CitationParts, LICENCE } from './licence';
import type { SpoolCounts } from './spool';

export interface ManifestFile {
  /** Relative to the release folder, with forward slashes. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  name: 'discgraph';
  version: string;
  releasedAt: string;
  url?: string;
  software: { name: string; version: string };
  licence: typeof LICENCE & { attribution: string };
  citation: string;
  counts: {
    nodes: Record<string, number>;
    relationships: Record<string, number>;
    totalNodes: number;
    totalRelationships: number;
  };
  files: ManifestFile[];
  sources: Properties[];
}

/** What a reader needs to find and cite a source, and which version of it the release holds. */
const SOURCE_FIELDS = [
  'id',
  'name',
  'kind',
  'authors',
  'year',
  'journal',
  'publisher',
  'doi',
  'pmid',
  'pmcid',
  'registryId',
  'url',
  'accessed',
  'recordVersion',
  'unknownAttribution',
] as const;

export function sourceEntry(node: GraphNode): Properties {
  const record = entityRecordOf(node);
  return Object.fromEntries(SOURCE_FIELDS.filter((field) => record[field] !== undefined).map((f) => [f, record[f]]));
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

/** Every file under `dir` (recursively), in path order, with its size and sha256. */
export async function fileEntries(dir: string): Promise<ManifestFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  return Promise.all(
    files.map(async (file) => {
      const full = path.join(dir, file);
      return { path: file, bytes: (await stat(full)).size, sha256: await sha256Of(full) };
    }),
  );
}

/** Every label and relationship type, zero included, so releases compare key by key. */
function countsOf(counts: SpoolCounts): Manifest['counts'] {
  const nodes = Object.fromEntries(LABELS.map((label) => [label, counts.nodes.get(label) ?? 0]));
  const relationships = Object.fromEntries(
    RELATIONSHIP_TYPES.map((type) => [type, counts.relationships.get(type) ?? 0]),
  );
  const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
  return { nodes, relationships, totalNodes: sum(nodes), totalRelationships: sum(relationships) };
}

export function buildManifest(args: {
  citation: CitationParts;
  releasedAt: string;
  software: Manifest['software'];
  counts: SpoolCounts;
  files: ManifestFile[];
  sources: Properties[];
}): Manifest {
  const { version, url } = args.citation;
  return {
    name: 'discgraph',
    version,
    releasedAt: args.releasedAt,
    ...(url === undefined ? {} : { url }),
    software: args.software,
    licence: { ...LICENCE, attribution: attributionOf(version) },
    citation: citationText(args.citation),
    counts: countsOf(args.counts),
    files: args.files,
    sources: args.sources,
  };
}

export const manifestText = (manifest: Manifest) => `${JSON.stringify(manifest, null, 2)}\n`;
