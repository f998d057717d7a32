// Errors raised before GraphQL runs (body parsing, size) answered as GraphQL-shaped JSON with a
// stable code; never an HTML page, never a stack trace.
import type { ErrorRequestHandler } from 'express';

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
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}
