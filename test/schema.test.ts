import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildAppSchema } from '../src/schema';
import { printAppSchema } from '../src/schemaPrint';

describe('schema/schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema:emit` after changing types)', async () => {
    const committed = readFileSync(path.join(__dirname, '..', 'schema', 'schema.graphql'), 'utf8');
    expect(printAppSchema(await buildAppSchema())).toBe(committed);
  });
});

describe('docker-compose.yml and the local launcher', () => {
  it('run the same Neo4j version', () => {
    const pom = readFileSync(path.join(__dirname, '..', 'db', 'local-neo4j', 'pom.xml'), 'utf8');
    const compose = readFileSync(path.join(__dirname, '..', 'docker-compose.yml'), 'utf8');
    const version = /<neo4j.version>([^<]+)<\/neo4j.version>/.exec(pom)?.[1];
    expect(version).toMatch(/^5\.26\.\d+$/);
    expect(compose).toContain(`image: neo4j:${version}-community`);
  });
});
