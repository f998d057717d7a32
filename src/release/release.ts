// `npm run release -- <version>`: the graph as a citable, versioned bundle, recorded in the graph.
//   <out>/json/graph.json, csv/nodes.csv, csv/edges.csv, csv/datapackage.json, graphml/graph.graphml,
//   seed/*.yaml
//   <out>/LICENSE, CITATION.cff, manifest.json
// Contract: everything a user can get wrong (the version, a version or folder that exists) is
// refused before anything is written. The graph is read once (spool.ts) and every format written
// from that read; the counts must equal the count store's, and no audit entry may be newer than
// the read's start, or the release is refused (the graph changed while it was read). Files go to a
// temporary folder beside the target; the release is recorded in one write transaction and only
// then is the folder renamed into place, so a failure leaves neither a folder nor a record.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Executor } from '../db/database';
import { databaseSource, EXPORT_FORMATS, writeExport } from '../export';
import type { Properties } from '../export/records';
import { type DataVersion, type ReleaseRecord, recordRelease, releaseStart } from '../graph/stats/release.repository';
import { graphCounts } from '../graph/stats/stats.repository';
import { projectRoot } from '../paths';
import { citationCff, type CitationParts, licenceNotice } from './licence';
import { buildManifest, fileEntries, type Manifest, manifestText, sourceEntry } from './manifest';
import { type SpoolCounts, spoolGraph, spoolSource } from './spool';

/** A calendar version: the year, a dot, the release of that year, and optionally a patch (2026.1, 2026.1.1). */
export const VERSION_PATTERN = /^(19|20|21)\d{2}\.(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2}))?$/;

/** A refusal the user can act on; the command prints the message alone. */
export class ReleaseError extends Error {
  override name = 'ReleaseError';
  readonly userFacing = true;
}

export function checkVersion(version: string): void {
  if (!VERSION_PATTERN.test(version)) {
    throw new ReleaseError(
      `"${version}" is not a release version: use the year, a dot and the release number of that year, ` +
        'optionally with a patch number, such as 2026.1 or 2026.1.1 (no leading zeros, no "v")',
    );
  }
}

export interface ReleaseOptions {
  /** The folder the release goes into (created; its parent too). */
  outDir: string;
  /** Replace a release of the same version: its folder and its record. */
  force?: boolean;
  /** Where the release will be published, for the manifest and CITATION.cff. */
  url?: string;
}

export interface ReleaseResult {
  dir: string;
  manifest: Manifest;
  manifestSha256: string;
}

const SOFTWARE = (() => {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return { name: 'discgraph', version: pkg.version };
})();

/** Refuses, before anything is written, what would overwrite an earlier release. */
async function checkFree(executor: Executor, version: string, dir: string, force: boolean): Promise<DataVersion> {
  const start = await releaseStart(executor, version);
  if (force) {
    return { version, releasedAt: start.now };
  }
  if (start.existingReleasedAt !== null) {
    throw new ReleaseError(
      `release ${version} was made on ${start.existingReleasedAt} and is recorded in the graph; ` +
        'choose the next version (or pass --force to replace it)',
    );
  }
  if (existsSync(dir)) {
    throw new ReleaseError(
      `${dir} exists already; choose the next version, another --out (or pass --force to replace it)`,
    );
  }
  return { version, releasedAt: start.now };
}

/** Refuses a read that may mix states of the graph: its counts must be the count store's. */
async function checkCounts(executor: Executor, counts: SpoolCounts): Promise<void> {
  const stored = await graphCounts(executor);
  const differ = [
    ...stored.nodes.filter((n) => (counts.nodes.get(n.label) ?? 0) !== n.count).map((n) => n.label),
    ...stored.relationships.filter((r) => (counts.relationships.get(r.type) ?? 0) !== r.count).map((r) => r.type),
  ];
  if (differ.length > 0) {
    throw new ReleaseError(
      `the graph changed while it was read (${differ.join(', ')}); make the release again when no load or curation is running`,
    );
  }
}

/** Writes every export format, the licence and the citation into `dir`; returns the counts read. */
async function writeBundle(
  executor: Executor,
  dir: string,
  citation: CitationParts,
): Promise<SpoolCounts & { sources: Properties[] }> {
  const spool = path.join(dir, '.graph.jsonl');
  const counts = await spoolGraph(databaseSource(executor), spool);
  await checkCounts(executor, counts);
  const source = spoolSource(spool);
  for (const format of EXPORT_FORMATS) {
    await writeExport(format, source, path.join(dir, format));
  }
  const sources: Properties[] = [];
  for await (const node of source.nodes('Source')) {
    sources.push(sourceEntry(node));
  }
  await rm(spool);
  await writeFile(path.join(dir, 'LICENSE'), licenceNotice(citation.version));
  await writeFile(path.join(dir, 'CITATION.cff'), citationCff(citation));
  return { ...counts, sources };
}

/** Records the release in one write transaction, or refuses with why. */
async function record(executor: Executor, manifest: Manifest, manifestSha256: string, force: boolean) {
  const release: ReleaseRecord = {
    version: manifest.version,
    releasedAt: manifest.releasedAt,
    packageVersion: manifest.software.version,
    manifestSha256,
    totalNodes: manifest.counts.totalNodes,
    totalRelationships: manifest.counts.totalRelationships,
  };
  const outcome = await executor.writeTx('recordDataRelease', (tx) => recordRelease(tx, release, force));
  if (!outcome.recorded && outcome.reason === 'exists') {
    throw new ReleaseError(`release ${release.version} was recorded by another process meanwhile; nothing was written`);
  }
  if (!outcome.recorded) {
    throw new ReleaseError(
      `the graph changed while it was read (${outcome.writesDuring} audited write(s) since it began); make the release again when no curation is running`,
    );
  }
}

/** Moves the finished folder into place, replacing an earlier one only when forced. */
async function moveIntoPlace(temporary: string, dir: string): Promise<void> {
  const replaced = `${dir}.replaced-${process.pid}`;
  const replacing = existsSync(dir);
  if (replacing) {
    await rename(dir, replaced);
  }
  await rename(temporary, dir);
  if (replacing) {
    await rm(replaced, { recursive: true, force: true });
  }
}

export async function writeRelease(
  executor: Executor,
  version: string,
  options: ReleaseOptions,
): Promise<ReleaseResult> {
  checkVersion(version);
  const dir = path.resolve(options.outDir);
  const force = options.force === true;
  const release = await checkFree(executor, version, dir, force);
  const citation: CitationParts = { version, date: release.releasedAt.slice(0, 10), url: options.url };
  const temporary = `${dir}.partial-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(temporary, { recursive: true });
  try {
    const { sources, ...counts } = await writeBundle(executor, temporary, citation);
    const manifest = buildManifest({
      citation,
      releasedAt: release.releasedAt,
      software: SOFTWARE,
      counts,
      files: await fileEntries(temporary),
      sources,
    });
    const text = manifestText(manifest);
    await writeFile(path.join(temporary, 'manifest.json'), text);
    const manifestSha256 = createHash('sha256').update(text).digest('hex');
    await record(executor, manifest, manifestSha256, force);
    try {
      await moveIntoPlace(temporary, dir);
    } catch (error) {
      throw new ReleaseError(
        `release ${version} is recorded in the graph, but its folder could not be moved to ${dir} ` +
          `(${(error as Error).message}); run the release again with --force`,
      );
    }
    return { dir, manifest, manifestSha256 };
  } finally {
    await rm(temporary, { recursive: true, force: true });
  }
}
