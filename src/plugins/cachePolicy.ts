import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema, TypeInfo, visit, visitWithTypeInfo } from 'graphql';
import type { Context } from '../context';
import { BOOKMARK_HEADER } from '../http/bookmarks';

/**
 * The field extension that makes a response uncacheable: set with type-graphql's
 * `@Extensions({ [NO_STORE]: true })` on fields whose answer depends on who asks or changes the
 * graph (curation mutations, the audit log).
 */
export const NO_STORE = 'noStore';

const noStoreByDocument = new WeakMap<DocumentNode, boolean>();

/**
 * Whether the document selects a field marked NO_STORE anywhere, in any operation or fragment:
 * worked out once per parsed document (Apollo keeps parsed documents).
 */
export function selectsNoStore(schema: GraphQLSchema, document: DocumentNode): boolean {
  let known = noStoreByDocument.get(document);
  if (known === undefined) {
    known = walksToNoStore(schema, document);
    noStoreByDocument.set(document, known);
  }
  return known;
}

function walksToNoStore(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (typeInfo.getFieldDef()?.extensions?.[NO_STORE] === true) {
          found = true;
        }
      },
    }),
  );
  return found;
}

/**
 * Cache-Control for every response, decided once per operation: a query answered without errors
 * may be cached for `maxAge` seconds by anyone (`max-age=N, public`); everything else is
 * `no-store`: mutations, documents that select a NO_STORE field, responses with errors, requests
 * that carry X-Neo4j-Bookmark (a read-your-writes read, whose answer must not be replayed to a
 * request without it), and every response when maxAge is 0. A cacheable response says
 * `Vary: X-Neo4j-Bookmark`, so a shared cache never answers a request that carries a bookmark with
 * a copy stored from one that did not.
 *
 * Apollo's own cache-control plugin decides this per resolved field, and a per-field hook makes
 * Apollo wrap every resolver of the schema; the graph has no per-type cache hints, so the answer is
 * the same and costs one walk per distinct document (documents are parsed once and cached).
 */
export function cachePolicyPlugin(maxAge: number): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      let cacheable = false;
      return {
        async didResolveOperation({ document, operation, schema, request }) {
          cacheable =
            maxAge > 0 &&
            operation?.operation === 'query' &&
            !selectsNoStore(schema, document) &&
            !request.http?.headers.has(BOOKMARK_HEADER);
        },
        async willSendResponse({ response }) {
          const ok = response.body.kind === 'single' && response.body.singleResult.errors === undefined;
          const stored = cacheable && ok;
          response.http.headers.set('cache-control', stored ? `max-age=${maxAge}, public` : 'no-store');
          if (stored) {
            const vary = response.http.headers.get('vary');
            response.http.headers.set('vary', vary ? `${vary}, ${BOOKMARK_HEADER}` : BOOKMARK_HEADER);
          }
        },
      };
    },
  };
}
