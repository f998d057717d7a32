// The release notes (release-notes.yaml beside this file), written by hand for each version and
// shown in docs/DATA.md. A release whose version has no notes is still made; the command says so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../paths';

export const RELEASE_NOTES_FILE = path.join(projectRoot, 'src', 'release', 'release-notes.yaml');

const RELEASE_NOTES_SCHEMA = z.strictObject({
  releases: z.array(z.strictObject({ version: z.string(), notes: z.array(z.string().min(1)).min(1) })),
});

export type ReleaseNote = z.infer<typeof RELEASE_NOTES_SCHEMA>['releases'][number];

export function readReleaseNotes(file = RELEASE_NOTES_FILE): ReleaseNote[] {
  const parsed = RELEASE_NOTES_SCHEMA.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`${path.relative(projectRoot, file)}: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data.releases;
}
