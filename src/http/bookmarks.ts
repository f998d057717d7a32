// X-Neo4j-Bookmark: read-your-writes across replicas. A response whose operation committed a write
// carries the write's Neo4j bookmarks in this header (and in `extensions.bookmark`, the same
// string); a request that sends them back reads, on whichever replica, a graph at least that new.
// The value is the bookmarks joined by commas: each one is opaque to clients, of base64 characters
// and `:` (Neo4j 5's are about 30 characters), so it needs no further encoding. A request header is
// bounded and checked here, before authentication and before any query: a malformed one is refused
// with 400 BAD_BOOKMARK.
import type { RequestHandler } from 'express';

export const BOOKMARK_HEADER = 'x-neo4j-bookmark';

export const BOOKMARK_BOUNDS = { count: 16, length: 256, headerBytes: 4096 } as const;

const BOOKMARK = /^[A-Za-z0-9+/=:._-]+$/;

/** The header's value for these bookmarks. */
export const formatBookmarks = (bookmarks: readonly string[]): string => bookmarks.join(',');

/** The bookmarks a header value names, or why it is refused. An absent or blank header names none. */
export function parseBookmarks(value: string | undefined): string[] | { refused: string } {
  if (value === undefined || value.trim() === '') {
    return [];
  }
  const { count, length, headerBytes } = BOOKMARK_BOUNDS;
  if (value.length > headerBytes) {
    return { refused: `X-Neo4j-Bookmark is longer than ${headerBytes} characters; send only the latest bookmark.` };
  }
  // Node joins repeated header lines with ", ", so they read as one list.
  const bookmarks = value.split(',').map((part) => part.trim());
  if (bookmarks.length > count) {
    return { refused: `X-Neo4j-Bookmark holds more than ${count} bookmarks; send only the latest one.` };
  }
  for (const bookmark of bookmarks) {
    if (bookmark.length === 0 || bookmark.length > length || !BOOKMARK.test(bookmark)) {
      return {
        refused: `X-Neo4j-Bookmark must be the value of an X-Neo4j-Bookmark response header, unchanged: bookmarks of base64 characters and ":", at most ${length} characters each, separated by commas.`,
      };
    }
  }
  return [...new Set(bookmarks)];
}

/** Puts the request's bookmarks in `res.locals.bookmarks`, or answers 400 BAD_BOOKMARK. */
export function bookmarkMiddleware(): RequestHandler {
  return (req, res, next) => {
    const parsed = parseBookmarks(req.header(BOOKMARK_HEADER));
    if (!Array.isArray(parsed)) {
      res
        .status(400)
        .type('application/json')
        .send(JSON.stringify({ errors: [{ message: parsed.refused, extensions: { code: 'BAD_BOOKMARK' } }] }));
      return;
    }
    res.locals.bookmarks = parsed;
    next();
  };
}

/** The bookmarks bookmarkMiddleware read from the request. */
export const requestBookmarks = (locals: Record<string, unknown>): string[] =>
  Array.isArray(locals.bookmarks) ? (locals.bookmarks as string[]) : [];
