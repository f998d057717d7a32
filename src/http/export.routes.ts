// GET /export/graph.json, /export/nodes.csv, /export/edges.csv (described by
// /export/datapackage.json) and /export/graph.graphml: the whole graph for research tools,
// streamed. A route takes only the query parameters it declares, each with a closed list of
// values; anything else is a 400 BAD_USER_INPUT naming what to send, before the database is read.
// Rows are read from Neo4j a keyset page at a time and written as the client takes them
// (res.write, waiting for 'drain' when the socket is full), so the server's memory does not grow
// with the graph or with a slow client. The status is sent only once the first block has been
// read, so an unreachable database is still a clean 503; a failure after that aborts the
// connection, and the client sees a truncated transfer rather than a complete-looking file.
import type { Express, Request, Response } from 'express';
import { BadUserInputError, CodedError, quoted } from '../common/errors';
import { batched, databaseSource, EDGE_KEYS, type GraphSource, isEdgeKey, type ReadOptions } from '../export';
import { edgesCsvChunks, nodesCsvChunks } from '../export/csv';
import { DATAPACKAGE_FILE, dataPackageChunks } from '../export/datapackage';
import { graphmlChunks } from '../export/graphml';
import { nodeLinkChunks } from '../export/json';
import { requestBookmarks } from './bookmarks';
import type { ServerDeps } from '../deps';

/** A query parameter a route takes: its values (the first the default) and what each is for. */
interface RouteParameter {
  values: readonly string[];
  meaning: string;
}

type Parameters = Readonly<Record<string, string>>;

interface ExportRoute {
  file: string;
  contentType: string;
  parameters?: Readonly<Record<string, RouteParameter>>;
  chunks: (source: GraphSource, parameters: Parameters) => AsyncIterable<string>;
}

export const EXPORT_ROUTES: readonly ExportRoute[] = [
  {
    file: 'graph.json',
    contentType: 'application/json; charset=utf-8',
    parameters: {
      edgeKey: {
        values: EDGE_KEYS,
        meaning:
          'it names the edge list: edges (the default) is what networkx 3.6 reads with no arguments, links what d3-force reads',
      },
    },
    chunks: (source, { edgeKey }) => nodeLinkChunks(source, { edgeKey: isEdgeKey(edgeKey) ? edgeKey : undefined }),
  },
  { file: 'nodes.csv', contentType: 'text/csv; charset=utf-8; header=present', chunks: nodesCsvChunks },
  { file: 'edges.csv', contentType: 'text/csv; charset=utf-8; header=present', chunks: edgesCsvChunks },
  { file: DATAPACKAGE_FILE, contentType: 'application/json; charset=utf-8', chunks: () => dataPackageChunks() },
  { file: 'graph.graphml', contentType: 'application/graphml+xml; charset=utf-8', chunks: graphmlChunks },
];

/** A client value as a message quotes it, cut short so a long one cannot fill the response. */
const shown = (value: unknown) => quoted(String(value).slice(0, 60));

/** The route's parameters from the query string, or the one problem to report. */
function routeParameters(route: ExportRoute, query: Request['query']): Parameters | BadUserInputError {
  const declared = route.parameters ?? {};
  const takes = Object.entries(declared)
    .map(([name, p]) => `${name} (${p.values.join(' or ')})`)
    .join('; ');
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    const parameter = Object.hasOwn(declared, name) ? declared[name] : undefined;
    if (parameter === undefined) {
      return new BadUserInputError(
        takes === ''
          ? `/export/${route.file} takes no query parameters; remove ${shown(name)}.`
          : `/export/${route.file} takes no parameter ${shown(name)}; it takes ${takes}.`,
      );
    }
    if (typeof value !== 'string') {
      return new BadUserInputError(`Give ${name} once, as one of ${parameter.values.join(', ')}.`);
    }
    if (!parameter.values.includes(value)) {
      return new BadUserInputError(
        `${name} must be ${parameter.values.join(' or ')} (got ${shown(value)}); ${parameter.meaning}.`,
      );
    }
    parameters[name] = value;
  }
  return parameters;
}

/** Resolves when the socket can take more, or when the client has gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const STATUS: Record<string, number> = { DATABASE_UNAVAILABLE: 503, TIMEOUT: 503, BAD_BOOKMARK: 400 };

const errorBody = (error: CodedError) => ({ errors: [{ message: error.message, extensions: { code: error.code } }] });

async function stream(route: ExportRoute, deps: ServerDeps, options: ReadOptions, req: Request, res: Response) {
  const parameters = routeParameters(route, req.query);
  if (parameters instanceof BadUserInputError) {
    res.status(400).json(errorBody(parameters));
    return;
  }
  const headers = {
    'content-type': route.contentType,
    'content-disposition': `attachment; filename="${route.file}"`,
    // The graph changes with every curated write; a copy must not be served later.
    'cache-control': 'no-store',
  };
  if (req.method === 'HEAD') {
    res.status(200).set(headers).end();
    return;
  }
  const executor = deps.database.executor({
    operationName: `export ${route.file}`,
    bookmarks: requestBookmarks(res.locals),
  });
  const blocks = batched(route.chunks(databaseSource(executor, options), parameters))[Symbol.asyncIterator]();
  try {
    let block = await blocks.next();
    res.status(200).set(headers);
    while (!block.done && !res.destroyed) {
      if (!res.write(block.value)) {
        await drained(res);
      }
      if (res.destroyed) {
        break;
      }
      block = await blocks.next();
    }
    res.end();
  } catch (error) {
    deps.logger.error({ err: error, requestId: res.locals.requestId, path: req.path }, 'export failed');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status = error instanceof CodedError ? STATUS[error.code] : undefined;
    res.status(status ?? 500).json({
      errors: [
        status !== undefined && error instanceof CodedError
          ? errorBody(error).errors[0]
          : {
              message: 'Internal server error. It has been logged; quote the request id when you report it.',
              extensions: { code: 'INTERNAL_SERVER_ERROR' },
            },
      ],
    });
  } finally {
    // Stops the reader (and its page queries) when the client left early.
    await blocks.return?.(undefined);
  }
}

export function mountExportRoutes(app: Express, deps: ServerDeps, options: ReadOptions = {}): void {
  for (const route of EXPORT_ROUTES) {
    app.get(`/export/${route.file}`, (req, res) => stream(route, deps, options, req, res));
  }
}
