// The typed per-request context: the request's executor (which counts its round trips), its
// DataLoaders, the caller and the request id. Built fresh for every request by createContext.
import type { Logger } from 'pino';
import { ANONYMOUS, type Principal } from './auth/roles';
import type { AppConfig } from './config';
import type { Database, Executor, QueryStats } from './db/database';
import type { Admission } from './http/admission';
import { EntityLoaders } from './graph/entity/entity.loaders';
import { ListPlans } from './graph/entity/list-plan';

export interface Loaders {
  entities: EntityLoaders;
}

export interface Context {
  requestId: string;
  db: Executor;
  stats: QueryStats;
  loaders: Loaders;
  /** What each list field of the request reads, by response path (src/graph/entity/list-plan.ts). */
  plans: ListPlans;
  config: AppConfig;
  logger: Logger;
  /** Who is calling (src/auth); anonymous callers are readers. */
  principal: Principal;
  /** The line `paths` searches take turns in (MAX_RUNNING_PATH_SEARCHES); null when they are not held back. */
  pathSearches: Admission | null;
}

export function createContext(args: {
  database: Database;
  config: AppConfig;
  logger: Logger;
  requestId: string;
  operationName?: string;
  deadline?: number;
  /** The X-Neo4j-Bookmark the client sent: every session of the request starts from them. */
  bookmarks?: readonly string[];
  /** The authenticated caller; anonymous when absent. */
  principal?: Principal;
  /** The server's line for `paths` searches, if it holds them back. */
  pathSearches?: Admission | null;
}): Context {
  const stats: QueryStats = { roundTrips: 0, dbSeconds: 0 };
  const db = args.database.executor({
    stats,
    operationName: args.operationName,
    deadline: args.deadline,
    bookmarks: args.bookmarks,
  });
  return {
    requestId: args.requestId,
    db,
    stats,
    loaders: { entities: new EntityLoaders(db) },
    plans: new ListPlans(),
    config: args.config,
    logger: args.logger.child({ requestId: args.requestId }),
    principal: args.principal ?? ANONYMOUS,
    pathSearches: args.pathSearches ?? null,
  };
}
