// What the HTTP server, its routes and its plugins are built from. It sits apart from server.ts so
// that routes and plugins can name it without importing the server that mounts them.
import type { Logger } from 'pino';
import type { AppConfig } from './config';
import type { Database } from './db/database';

export interface ServerDeps {
  config: AppConfig;
  database: Database;
  logger: Logger;
  /** Whether start-up work (migrations, seed) has finished; /readyz is 503 until it has. */
  bootstrapped?: () => boolean;
}
