// Errors raised before GraphQL runs (malformed HTTP, headers or body too large, unknown paths)
// answered as GraphQL-shaped JSON with a stable code; never an HTML page, never an empty body,
// never a stack trace.
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';

const errorBody = (message: string, code: string) => JSON.stringify({ errors: [{ message, extensions: { code } }] });

/** An error answered outside GraphQL, in the same JSON shape. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).type('application/json').send(errorBody(message, code));
}

/**
 * Node's HTTP parser refuses some requests before Express sees them (headers over
 * --max-http-header-size, bytes that are not HTTP); by default it answers with an empty body.
 * This answers them as coded JSON instead. Attach with `httpServer.on('clientError', …)`.
 */
export function clientErrorHandler(maxHeaderBytes: number) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'HEADERS_TOO_LARGE',
            `The request headers are larger than ${maxHeaderBytes} bytes; send shorter headers (Authorization, Cookie).`,
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'BAD_REQUEST', 'The request was not received in time; send it again.']
          : [400, 'BAD_REQUEST', 'The HTTP request is malformed.'];
    const body = errorBody(message, code);
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  };
}

/** The last route: any path nothing else served. */
export function notFoundHandler(): RequestHandler {
  return (req, res) => {
    const path = req.path.length > 200 ? `${req.path.slice(0, 200)}…` : req.path;
    sendError(
      res,
      404,
      'NOT_FOUND',
      `Nothing is served at ${req.method} ${path}. GraphQL is at /graphql; see also /explore, /graphiql, /export, /healthz, /readyz and /metrics.`,
    );
  };
}

export function httpErrorHandler(bodyLimitBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const [status, code, message] =
      error.type === 'entity.too.large'
        ? [
            413,
            'PAYLOAD_TOO_LARGE',
            `The request body is larger than ${bodyLimitBytes} bytes; send a smaller operation.`,
          ]
        : error.type === 'entity.parse.failed'
          ? [400, 'BAD_REQUEST', 'The request body is not valid JSON.']
          : typeof error.status === 'number' && error.status >= 400 && error.status < 500
            ? [error.status, 'BAD_REQUEST', 'The HTTP request is malformed.']
            : [500, 'INTERNAL_SERVER_ERROR', 'Internal server error.'];
    res.status(status).type('application/json').send(errorBody(message, code));
  };
}
