// Start-up work against the database: migrations, then the seed when the graph is empty. It runs
// in the background and retries while the database is unreachable, so the server can start (and
// say 503 on /readyz, /graphql and /export: src/http/startup.ts) before Neo4j is up, and become
// ready on its own once it is. Once ready, it stores the evidence cards a graph written by an
// older version lacks (card.store.ts); until then those cards are computed when asked, so
// readiness does not wait for them.
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { Database } from './db/database';
import { migrate } from './db/migrations';
import { buildEvidenceCards } from './graph/dashboard/card.store';
import { isGraphEmpty, readSeed } from './seed';
import { loadSeed } from './seed/load';
import { SeedValidationError } from './seed/validate';

/** Start-up work is not a client request: it may take longer than NEO4J_TX_TIMEOUT_MS on a busy machine. */
const START_UP_TX_TIMEOUT_MS = 300_000;

export class Bootstrap {
  private finished = false;
  private stopped = false;

  constructor(
    private readonly database: Database,
    private readonly config: AppConfig,
    private readonly logger: Logger,
  ) {}

  get done(): boolean {
    return this.finished;
  }

  /** Runs once successfully; resolves then, or rejects on a problem no retry can fix. */
  async run(): Promise<void> {
    let delay = 500;
    while (!this.stopped) {
      try {
        await this.once();
        this.finished = true;
        void this.buildCards();
        return;
      } catch (error) {
        if (error instanceof SeedValidationError) {
          throw error;
        }
        this.logger.warn({ err: error, retryInMs: delay }, 'database not ready for start-up work; retrying');
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 10_000);
      }
    }
  }

  stop(): void {
    this.stopped = true;
  }

  private async buildCards(): Promise<void> {
    try {
      const built = await buildEvidenceCards(
        this.database.executor(),
        (done, total) => this.logger.info({ done, total }, 'storing evidence cards'),
        { timeoutMs: START_UP_TX_TIMEOUT_MS, stop: () => this.stopped },
      );
      if (built > 0) {
        this.logger.info({ built }, 'stored the missing evidence cards');
      }
    } catch (error) {
      if (!this.stopped) {
        this.logger.warn({ err: error }, 'evidence cards not stored; they are computed when asked');
      }
    }
  }

  private async once(): Promise<void> {
    const executor = this.database.executor();
    await migrate(executor);
    if (this.config.seedOnStart && (await isGraphEmpty(executor))) {
      const graph = readSeed(this.config.seedDir);
      // One transaction: a seed that fails half-way leaves the graph empty, and the next attempt seeds it.
      const result = await executor.writeTx('seed.load', (tx) => loadSeed(tx, graph, { agent: 'seed' }), {
        timeoutMs: START_UP_TX_TIMEOUT_MS,
      });
      this.logger.info(result, 'seeded an empty graph');
    }
  }
}
