// Data releases: one (:DataRelease) node per version published with `npm run release`. Like the
// audit trail's nodes they have no Entity label, so the graph API, stats counts, snapshots and
// exports never see them. `stats` reads the latest one (stats.repository.ts); the release command
// writes them (src/release/release.ts); the X-Data-Version header caches the latest version.
import type { Executor, Tx } from '../../db/database';
import { AUDIT_LABEL } from '../model';

export const RELEASE_LABEL = 'DataRelease';

/**
 * Schema of the releases, applied with every migration (src/db/migrations.ts). The constraint makes
 * a version unique even if two releases race; the index on the audit trail's `at` turns
 * `changedSinceRelease` into an index seek.
 */
export const RELEASE_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT datarelease_version_unique IF NOT EXISTS FOR (n:${RELEASE_LABEL}) REQUIRE n.version IS UNIQUE`,
  `CREATE INDEX datarelease_releasedat IF NOT EXISTS FOR (n:${RELEASE_LABEL}) ON (n.releasedAt)`,
  `CREATE INDEX auditentry_at IF NOT EXISTS FOR (n:${AUDIT_LABEL}) ON (n.at)`,
];

/** The latest release, as `stats` and the response header show it. */
export interface DataVersion {
  version: string;
  /** ISO 8601, milliseconds, UTC (database clock). */
  releasedAt: string;
}

export interface ReleaseRecord extends DataVersion {
  packageVersion: string;
  manifestSha256: string;
  totalNodes: number;
  totalRelationships: number;
}

/** The properties of a (:DataRelease) node, for docs/DATA.md. */
export const RELEASE_PROPERTIES: Readonly<Record<keyof ReleaseRecord | 'recordedAt', string>> = {
  version: 'The release version, e.g. 2026.1 (unique).',
  releasedAt: "When the release's read of the graph began (database clock).",
  packageVersion: 'The version of the discgraph software that made it.',
  manifestSha256: "The sha256 of the release's manifest.json, to check a copy of the bundle against.",
  totalNodes: 'Entities in the release.',
  totalRelationships: 'Claims in the release.',
  recordedAt: 'When the release was recorded, after its files were written.',
};

// name: latestDataRelease — the newest release by releasedAt (releases are few; the index orders them).
const LATEST_RELEASE = `
MATCH (release:${RELEASE_LABEL})
WITH release
ORDER BY release.releasedAt DESC
LIMIT 1
RETURN release.version AS version, toString(release.releasedAt) AS releasedAt`;

export async function latestRelease(executor: Executor): Promise<DataVersion | null> {
  const [row] = await executor.read<{ version: string; releasedAt: string }>('latestDataRelease', LATEST_RELEASE);
  return row ?? null;
}

// name: releaseStart — the database clock (milliseconds, so it prints as ISO 8601 the way JSON
// dates do) and whether the version is taken, read before anything is written.
const RELEASE_START = `
OPTIONAL MATCH (existing:${RELEASE_LABEL} {version: $version})
RETURN toString(datetime.truncate('millisecond', datetime())) AS now,
  toString(existing.releasedAt) AS existingReleasedAt`;

export async function releaseStart(
  executor: Executor,
  version: string,
): Promise<{ now: string; existingReleasedAt: string | null }> {
  const [row] = await executor.read<{ now: string; existingReleasedAt: string | null }>('releaseStart', RELEASE_START, {
    version,
  });
  return row;
}

// name: releaseConflicts — read in the recording transaction: whether the version is taken, and
// how many audit entries were written since the release's read began (a release must not mix
// states of the graph).
const RELEASE_CONFLICTS = `
OPTIONAL MATCH (existing:${RELEASE_LABEL} {version: $version})
CALL {
  MATCH (entry:${AUDIT_LABEL})
  WHERE entry.at >= datetime($releasedAt)
  RETURN count(entry) AS writesDuring
}
RETURN existing IS NOT NULL AS exists, writesDuring`;

// name: recordDataRelease — MERGE, so that --force replaces the record of the version.
const RECORD_RELEASE = `
MERGE (release:${RELEASE_LABEL} {version: $release.version})
SET release += $release, release.releasedAt = datetime($release.releasedAt), release.recordedAt = datetime()
RETURN release.version AS version`;

/** What recordRelease did: recorded, or why not. */
export type RecordOutcome =
  | { recorded: true }
  | { recorded: false; reason: 'exists' }
  | { recorded: false; reason: 'changed'; writesDuring: number };

/** Records a release in the caller's write transaction, unless the version is taken (and not forced) or the graph changed. */
export async function recordRelease(tx: Tx, release: ReleaseRecord, force: boolean): Promise<RecordOutcome> {
  const [conflicts] = await tx.run<{ exists: boolean; writesDuring: number }>(RELEASE_CONFLICTS, {
    version: release.version,
    releasedAt: release.releasedAt,
  });
  if (conflicts.exists && !force) {
    return { recorded: false, reason: 'exists' };
  }
  if (conflicts.writesDuring > 0) {
    return { recorded: false, reason: 'changed', writesDuring: conflicts.writesDuring };
  }
  await tx.run(RECORD_RELEASE, { release });
  return { recorded: true };
}
