// docs/DATA.md is generated from the code: it must be what `npm run docs:data` writes now (this
// fails when a label, field or relationship changes and the file is not regenerated), and it must
// document every label, field and relationship, the licence and each release's notes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ENTITY_DEFINITIONS, LABELS } from '../../src/graph/registry';
import { RELATIONSHIPS } from '../../src/graph/relationships';
import { projectRoot } from '../../src/paths';
import { dataDoc, DATA_DOC } from '../../src/release/data-doc';
import { readReleaseNotes } from '../../src/release/release-notes';
import { CLAIM_SCHEMA } from '../../src/seed/schema';
import { buildAppSchema } from '../../src/schema';

const run = promisify(execFile);
const docsData = (...args: string[]) => run('npx', ['tsx', 'src/cli/data-doc.ts', ...args], { cwd: projectRoot });

describe('docs/DATA.md', () => {
  it('is what `npm run docs:data` generates from the code (run it and commit the file when this fails)', async () => {
    const result = await docsData('--check').catch((error: { stderr: string }) => error);
    expect('stderr' in result ? result.stderr : '').toBe('');
  }, 60_000);

  it('is found stale when it differs', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'discgraph-data-doc-'));
    try {
      const copy = path.join(dir, 'DATA.md');
      writeFileSync(copy, readFileSync(DATA_DOC, 'utf8').replace('### Trial\n', '### Trials\n'));
      const failed = await docsData('--check', '--file', copy).catch(
        (error: { code: number; stderr: string }) => error,
      );
      expect(failed).toMatchObject({ code: 1, stderr: expect.stringContaining('is stale') });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the generated data model', () => {
  let text: string;
  beforeAll(async () => {
    text = dataDoc(await buildAppSchema());
  });

  const section = (heading: string) => text.split(`\n${heading}\n`)[1].split(/\n#{2,3} /)[0];

  it('has every label with every field of its record, each typed, required or optional', () => {
    for (const label of LABELS) {
      const fields = section(`### ${label}`);
      for (const field of Object.keys(ENTITY_DEFINITIONS[label].record.shape)) {
        expect([
          label,
          field,
          fields.match(new RegExp(`^\\| \`${field}\` \\| [^|]+ \\| (required|optional) \\|`, 'm')) !== null,
        ]).toEqual([label, field, true]);
      }
    }
  });

  it('has every relationship with its ends, verbs and flow, and every claim property', () => {
    for (const r of RELATIONSHIPS) {
      expect(text).toContain(`| \`${r.type}\` | ${r.from} → ${r.to} | ${r.verbs.out} (${r.verbs.in}) |`);
    }
    const claims = section('## Claim properties');
    for (const field of Object.keys(CLAIM_SCHEMA.shape)) {
      expect(claims).toContain(`| \`${field}\` |`);
    }
  });

  it('has the licence, how to cite, and the notes of every release', () => {
    expect(section('## Licence')).toContain('CC-BY-4.0');
    expect(section('## How to cite a release')).toContain('Manifest sha256');
    for (const note of readReleaseNotes()) {
      expect(text).toContain(`\n### ${note.version}\n`);
    }
    expect(readReleaseNotes().map((n) => n.version)).toContain('2026.1');
  });

  it('is deterministic: the same text every time', async () => {
    expect(dataDoc(await buildAppSchema())).toBe(text);
  });
});
