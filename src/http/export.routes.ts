// GET /export/graph.json, /export/nodes.csv, /export/edges.csv and /export/graph.graphml: the
// whole graph for research tools, streamed. Rows are read from Neo4j a keyset page at a time and
// written as the client takes them (res.write, waiting for 'drain' when the socket is full), so
// the server's memory does not grow with the graph or with a slow client. The status is sent
// only once the first block has been read, so an unreachable database is still a clean 503;
// a failure after that aborts the connection, and the client sees a truncated transfer rather
// than a complete-looking file.
import type { Express, Request, Response } from 'express';
import { CodedError } from '../common/errors';
import { batched, databaseSource, type GraphSource, type ReadOptions } from '../export';
import { edgesCsvChunks, nodesCsvChunks } from '../export/csv';
import { graphmlChunks } from '../export/graphml';
import { nodeLinkChunks } from '../export/json';
import type { ServerDeps } from '../deps';

interface ExportRoute {
  file: string;
  contentType: string;
  chunks: (source: GraphSource) => AsyncIterable<string>;
}

export const EXPORT_ROUTES: readonly ExportRoute[] = [
  { file: 'graph.json', contentType: 'application/json; charset=utf-8', chunks: nodeLinkChunks },
  { file: 'nodes.csv', contentType: 'text/csv; charset=utf-8; header=present', chunks: nodesCsvChunks },
  { file: 'edges.csv', contentType: 'text/csv; charset=utf-8; header=present', chunks: edgesCsvChunks },
  { file: 'graph.graphml', contentType: 'application/graphml+xml; charset=utf-8', chunks: graphmlChunks },
];

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

const STATUS: Record<string, number> = { DATABASE_UNAVAILABLE: 503, TIMEOUT: 503 };

async function stream(route: ExportRoute, deps: ServerDeps, options: ReadOptions, req: Request, res: Response) {
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
  const executor = deps.database.executor({ operationName: `export ${route.file}` });
  const blocks = batched(route.chunks(databaseSource(executor, options)))[Symbol.asyncIterator]();
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
          ? { message: error.message, extensions: { code: error.code } }
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
