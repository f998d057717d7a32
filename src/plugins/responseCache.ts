import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Context } from '../context';
import type { GraphVersionTracker } from '../scale/graphVersion';
import { selectsNoStore } from './cachePolicy';

/** What the response cache did for a request; the `X-Response-Cache` header and the metric's label. */
export type ResponseCacheResult = 'hit' | 'miss' | 'bypass';

export const RESPONSE_CACHE_HEADER = 'x-response-cache';

/** Larger answers are not kept: one entry must not crowd out hundreds of dashboard queries. */
export const MAX_CACHED_RESPONSE_BYTES = 1_048_576;

export interface ResponseCache {
  /** Which graph version the answers of this replica are at. */
  versions: GraphVersionTracker;
  entries: KeyValueCache<string>;
  ttlSeconds: number;
  /** Counts each request's result in /metrics. */
  count?: (result: ResponseCacheResult) => void;
}

/**
 * The exact response cache. A query without errors is kept under the graph version read before it
 * ran, the document's hash, the operation's name, its variables and the caller's role, so an
 * answer is only ever given again while the graph is at that version or, for the instant between a
 * write's commit and the replica hearing of it, older (its data is never older than its key). A
 * request that carries X-Neo4j-Bookmark first brings the replica up to that bookmark's version.
 * Mutations, documents that select a NO_STORE field (the audit log), answers with errors and
 * requests made while the version cannot be read (Redis unreachable) bypass it.
 */
export function responseCachePlugin(cache: ResponseCache): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let result: ResponseCacheResult = 'bypass';
      let key: string | undefined;
      return {
        async responseForOperation({ operation, document, schema, queryHash, operationName, request, contextValue }) {
          if (operation.operation !== 'query' || selectsNoStore(schema, document)) {
            return null;
          }
          const bookmarks = contextValue.db.bookmarks.given;
          if (!(await cache.versions.catchUp(bookmarks))) {
            return null;
          }
          const version = await cache.versions.current();
          if (version === undefined) {
            return null;
          }
          const digest = createHash('sha256')
            .update(JSON.stringify([queryHash, operationName, request.variables ?? {}, contextValue.principal.role]))
            .digest('base64url');
          key = `${version}:${digest}`;
          const stored = await cache.entries.get(key);
          if (stored === undefined) {
            result = 'miss';
            return null;
          }
          result = 'hit';
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: JSON.parse(stored) as Record<string, unknown> } },
          };
        },
        async willSendResponse({ response }) {
          response.http.headers.set(RESPONSE_CACHE_HEADER, result);
          cache.count?.(result);
          if (result !== 'miss' || key === undefined || response.body.kind !== 'single') {
            return;
          }
          const { data, errors } = response.body.singleResult;
          if (errors !== undefined || data === undefined || data === null) {
            return;
          }
          const text = JSON.stringify(data);
          if (text.length <= MAX_CACHED_RESPONSE_BYTES) {
            await cache.entries.set(key, text, { ttl: cache.ttlSeconds });
          }
        },
      };
    },
  };
}
