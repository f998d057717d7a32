// GraphQL over HTTP conformance: graphql-http's server audits against the real server. Every MUST
// audit passes; the SHOULD audits that fail are listed in README.md#graphql-over-http, with reasons.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { serverAudits } from 'graphql-http';
import { startTestServer, type TestServer } from '../support/harness';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

const audits = serverAudits({ url: () => t.url, fetchFn: fetch });
const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

describe('graphql-http server audits', () => {
  it.each(audits.filter((a) => a.name.startsWith('MUST')).map((a) => [a.name, a] as const))(
    '%s',
    async (_name, audit) => {
      const result = await audit.fn();
      expect({ status: result.status, reason: result.status === 'ok' ? '' : result.reason }).toEqual({
        status: 'ok',
        reason: '',
      });
    },
  );

  it('lists exactly the failing SHOULD audits in the README', async () => {
    const failing: string[] = [];
    for (const audit of audits.filter((a) => a.name.startsWith('SHOULD'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') {
        failing.push(audit.id);
      }
    }
    const section = readme.slice(readme.indexOf('## GraphQL over HTTP'));
    const listed = [...section.matchAll(/^- `([0-9A-F]{4})`/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(failing.sort());
  });
});
