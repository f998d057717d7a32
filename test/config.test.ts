import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { ConfigError, ENV_VARIABLES, loadConfig } from '../src/config';

const run = promisify(execFile);

describe('configuration', () => {
  it('has working defaults: the local Neo4j, port 4000', () => {
    const config = loadConfig({});
    expect(config.neo4j).toBeUndefined();
    expect(config.port).toBe(4000);
    expect(config.database).toBe('neo4j');
    expect(config.requestTimeoutMs).toBeGreaterThan(config.neo4jMaxRetryMs);
  });

  it('accepts Aura-style routing URIs with credentials', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://abcd1234.databases.neo4j.io',
      NEO4J_USER: 'neo4j',
      NEO4J_PASSWORD: 'secret',
      NEO4J_DATABASE: 'neo4j',
    });
    expect(config.neo4j).toEqual({
      uri: 'neo4j+s://abcd1234.databases.neo4j.io',
      user: 'neo4j',
      password: 'secret',
      database: 'neo4j',
    });
  });

  it.each([
    ['NEO4J_URI', 'localhost:7687'],
    ['NEO4J_URI', 'http://localhost:7474'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['GRAPHQL_LANDING', 'maybe'],
    ['GRAPHQL_SANDBOX', 'true'],
    ['NEO4J_LOCAL_HEAP', 'lots'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} `));
  });

  it('refuses a retry budget that outlasts the request deadline', () => {
    expect(() => loadConfig({ NEO4J_MAX_RETRY_MS: '20000', REQUEST_TIMEOUT_MS: '10000' })).toThrow(
      /NEO4J_MAX_RETRY_MS/,
    );
  });

  it('makes the server exit at start-up with one line naming NEO4J_URI when it is malformed', async () => {
    const main = path.join(__dirname, '..', 'dist', 'main.js');
    const failure = await run(process.execPath, [main], {
      env: { PATH: process.env.PATH, NEO4J_URI: 'not a uri' },
      timeout: 20_000,
    }).then(
      () => undefined,
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(failure).toBeDefined();
    expect(failure!.code).toBe(1);
    const lines = failure!.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^error: NEO4J_URI must be a URI such as bolt:\/\/localhost:7687/);
    expect(failure!.stdout).toBe('');
  });

  describe("the README's configuration table", () => {
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const section = readme.split(/^## Configuration$/m)[1].split(/^## /m)[0];
    const rows = [...section.matchAll(/^\| (`[A-Z0-9_]+`(?:, `[A-Z0-9_]+`)*)\s*\| ([^|]+?)\s*\|/gm)].map(
      ([, names, fallback]) => ({
        names: [...names.matchAll(/`([A-Z0-9_]+)`/g)].map(([, name]) => name),
        fallback,
      }),
    );

    it('lists every variable the server reads, and no other; so does .env.example', () => {
      expect(rows.flatMap((row) => row.names).sort()).toEqual([...ENV_VARIABLES].sort());
      const example = readFileSync(path.join(__dirname, '..', '.env.example'), 'utf8');
      for (const name of ENV_VARIABLES) {
        expect(example).toMatch(new RegExp(`^(# )?${name}=`, 'm'));
      }
    });

    it('gives the defaults the server uses', () => {
      const defaults = loadConfig({});
      const plain = rows.filter((row) => /^`[^`]+`$/.test(row.fallback));
      expect(plain.length).toBeGreaterThan(20);
      for (const { names, fallback } of plain) {
        expect([names[0], loadConfig({ [names[0]]: fallback.slice(1, -1) })]).toEqual([names[0], defaults]);
      }
    });
  });
});
