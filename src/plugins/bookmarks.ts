import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { BOOKMARK_HEADER, formatBookmarks } from '../http/bookmarks';

/**
 * A response whose operation committed a write (a mutation, importGraph) carries the bookmarks of
 * its writes, as the X-Neo4j-Bookmark header and as `extensions.bookmark`, the same string; a
 * response that wrote nothing carries neither (src/http/bookmarks.ts).
 */
export function bookmarkPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const written = contextValue.db.bookmarks.written;
          if (written.length === 0 || response.body.kind !== 'single') {
            return;
          }
          const bookmark = formatBookmarks(written);
          response.http.headers.set(BOOKMARK_HEADER, bookmark);
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, bookmark };
        },
      };
    },
  };
}
