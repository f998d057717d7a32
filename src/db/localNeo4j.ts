// The local, embedded Neo4j: jars resolved by Maven from db/local-neo4j/pom.xml, run by
// db/local-neo4j/LocalNeo4j.java on the machine's Java 17, in the background, with a pid file and
// a log file. Used by `npm start` (when NEO4J_URI is unset), `npm run db:*` and the test harness.
//
// Readiness is a Bolt handshake plus `RETURN 1`, not "the port is open". Stopping sends SIGTERM,
// which the launcher turns into a clean DBMS shutdown, and waits for the process to exit.
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import neo4j from 'neo4j-driver';
import { projectRoot } from '../paths';

const run = promisify(execFile);
const LAUNCHER_DIR = path.join(projectRoot, 'db', 'local-neo4j');
/** Shared by every local instance (npm start, tests): resolving once is enough. */
const CLASSPATH_CACHE_DIR = path.join(projectRoot, '.data');

export interface LocalNeo4jOptions {
  /** Folder for the store, the pid file, the log file and the cached class path. */
  dir: string;
  port: number;
  heap: string;
  pageCache: string;
  /** Told what is happening while the caller waits (first resolution takes a minute). */
  say?: (line: string) => void;
}

export interface LocalNeo4jStatus {
  running: boolean;
  ready: boolean;
  pid?: number;
  uri: string;
  logFile: string;
}

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
  readonly userFacing = true;
}

const files = (dir: string) => ({
  home: path.join(dir, 'neo4j'),
  pid: path.join(dir, 'neo4j.pid'),
  log: path.join(dir, 'neo4j.log'),
});
const uriOf = (port: number) => `bolt://127.0.0.1:${port}`;

async function requireTool(command: string, args: string[], install: string): Promise<string> {
  try {
    const { stdout, stderr } = await run(command, args);
    return `${stdout}${stderr}`;
  } catch {
    throw new LocalNeo4jError(
      `${command} was not found. The local Neo4j needs ${install}. ` +
        'Install it (on Debian: apt-get install -y openjdk-17-jdk-headless maven), ' +
        'or run `docker compose up`, or set NEO4J_URI to a Neo4j 5.26 you already have.',
    );
  }
}

async function checkPrerequisites(): Promise<void> {
  const java = await requireTool('java', ['-version'], 'Java 17 or newer (a JDK) and Maven');
  const major = Number(/version "(\d+)/.exec(java)?.[1] ?? 0);
  if (major < 17) {
    throw new LocalNeo4jError(
      `Java ${major || '(unknown version)'} was found, but Neo4j 5.26 needs Java 17 or newer. ` +
        'Install openjdk-17-jdk-headless, or run `docker compose up`, or set NEO4J_URI.',
    );
  }
  await requireTool('mvn', ['-v'], 'Maven (to resolve the Neo4j jars from Maven Central)');
}

/** Resolves the class path once per pom.xml content; Maven caches the jars in ~/.m2. */
async function classPath(say: (line: string) => void): Promise<string> {
  const pom = readFileSync(path.join(LAUNCHER_DIR, 'pom.xml'));
  const key = createHash('sha256').update(pom).digest('hex').slice(0, 12);
  const cached = path.join(CLASSPATH_CACHE_DIR, `classpath-${key}.txt`);
  mkdirSync(CLASSPATH_CACHE_DIR, { recursive: true });
  if (!existsSync(cached)) {
    say(
      'Resolving the Neo4j 5.26 jars with Maven (the first time downloads about 150 MB; later starts reuse ~/.m2)...',
    );
    try {
      await run(
        'mvn',
        [
          '-q',
          '-B',
          '-f',
          path.join(LAUNCHER_DIR, 'pom.xml'),
          'dependency:build-classpath',
          `-Dmdep.outputFile=${cached}`,
        ],
        { maxBuffer: 16 * 1024 * 1024 },
      );
    } catch (error) {
      const out = error as { stdout?: string; stderr?: string };
      throw new LocalNeo4jError(
        `Maven could not resolve the Neo4j jars: ${(out.stdout ?? '') + (out.stderr ?? '')}`.slice(0, 2000),
      );
    }
  }
  return readFileSync(cached, 'utf8').trim();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) {
    return undefined;
  }
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
}

/** A Bolt handshake plus `RETURN 1`. */
export async function boltReady(uri: string, timeoutMs = 2_000): Promise<boolean> {
  const driver = neo4j.driver(uri, undefined, {
    connectionTimeout: timeoutMs,
    maxConnectionPoolSize: 1,
    logging: { level: 'error', logger: () => undefined },
  });
  try {
    const result = await driver.executeQuery('RETURN 1 AS ok', {}, { database: 'neo4j' });
    return result.records[0]?.get('ok').toNumber?.() === 1 || result.records[0]?.get('ok') === 1;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

export async function localNeo4jStatus(options: Pick<LocalNeo4jOptions, 'dir' | 'port'>): Promise<LocalNeo4jStatus> {
  const f = files(options.dir);
  const pid = readPid(f.pid);
  const uri = uriOf(options.port);
  return { running: pid !== undefined, ready: pid !== undefined && (await boltReady(uri)), pid, uri, logFile: f.log };
}

function tail(file: string, lines = 25): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n') : '(no log)';
}

/** Starts the local Neo4j in the background, or reuses the one already running there. */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4jStatus> {
  const say = options.say ?? (() => undefined);
  const dir = path.resolve(projectRoot, options.dir);
  const f = files(dir);
  const uri = uriOf(options.port);
  mkdirSync(dir, { recursive: true });

  const existing = readPid(f.pid);
  if (existing !== undefined) {
    say(`Reusing the local Neo4j already running (pid ${existing}); waiting for ${uri}...`);
    await waitReady(uri, existing, f.log, 120_000);
    return { running: true, ready: true, pid: existing, uri, logFile: f.log };
  }

  await checkPrerequisites();
  const cp = await classPath(say);
  say(`Starting the local Neo4j 5.26 on ${uri} (store ${f.home}, log ${f.log})...`);
  const log = openSync(f.log, 'a');
  const child = spawn(
    'java',
    [
      `-Xms${options.heap}`,
      `-Xmx${options.heap}`,
      '-XX:+UseG1GC',
      '-XX:+ExitOnOutOfMemoryError',
      '-cp',
      cp,
      path.join(LAUNCHER_DIR, 'LocalNeo4j.java'),
      '--home',
      f.home,
      '--port',
      String(options.port),
      '--pagecache',
      options.pageCache,
    ],
    { detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  if (child.pid === undefined) {
    throw new LocalNeo4jError(`java could not be started; see ${f.log}`);
  }
  writeFileSync(f.pid, String(child.pid));
  child.unref();
  await waitReady(uri, child.pid, f.log, 300_000);
  say(`Local Neo4j is ready on ${uri}.`);
  return { running: true, ready: true, pid: child.pid, uri, logFile: f.log };
}

async function waitReady(uri: string, pid: number, logFile: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) {
      throw new LocalNeo4jError(`The local Neo4j exited during start-up. Last lines of ${logFile}:\n${tail(logFile)}`);
    }
    if (await boltReady(uri)) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new LocalNeo4jError(`The local Neo4j did not answer on ${uri} within ${timeoutMs / 1000} s; see ${logFile}`);
}

/** SIGTERM, then wait for the clean shutdown the launcher performs. */
export async function stopLocalNeo4j(options: Pick<LocalNeo4jOptions, 'dir'>, timeoutMs = 60_000): Promise<boolean> {
  const f = files(path.resolve(projectRoot, options.dir));
  const pid = readPid(f.pid);
  if (pid === undefined) {
    rmSync(f.pid, { force: true });
    return false;
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (alive(pid)) {
    throw new LocalNeo4jError(`The local Neo4j (pid ${pid}) did not stop within ${timeoutMs / 1000} s`);
  }
  rmSync(f.pid, { force: true });
  return true;
}
