// The explorer's one way to the server: POST /graphql with JSON. Every failure becomes an
// ApiError whose message is written for people (never a stack trace, a status line or raw JSON);
// the server's own text is kept only where the API promises it says what to fix (BAD_USER_INPUT).

const ENDPOINT = '/graphql';

export type ApiErrorKind =
  'network' | 'not-found' | 'bad-input' | 'unavailable' | 'timeout' | 'busy' | 'server' | 'unexpected';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    /** The server's explanation, shown only for BAD_USER_INPUT. */
    readonly detail?: string,
    /** The x-request-id of the failed request, to quote in a bug report. */
    readonly requestId?: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorBody {
  message?: string;
  extensions?: { code?: string };
}

interface GraphQLBody<T> {
  data?: T | null;
  errors?: GraphQLErrorBody[];
}

function errorFor(error: GraphQLErrorBody, requestId: string | undefined): ApiError {
  switch (error.extensions?.code) {
    case 'NOT_FOUND':
      return new ApiError('not-found', 'We could not find that in the knowledge graph.', undefined, requestId);
    case 'BAD_USER_INPUT':
      return new ApiError('bad-input', 'The server could not use that input.', error.message, requestId);
    case 'DATABASE_UNAVAILABLE':
      return new ApiError(
        'unavailable',
        'The knowledge graph database is not reachable right now. Please try again in a moment.',
        undefined,
        requestId,
      );
    case 'TIMEOUT':
      return new ApiError(
        'timeout',
        'The server took too long to answer. Try a smaller request, or try again.',
        undefined,
        requestId,
      );
    case 'RATE_LIMITED':
      return new ApiError(
        'busy',
        'The explorer sent more requests than the server allows for now. Wait a minute, then try again.',
        undefined,
        requestId,
      );
    case 'QUERY_TOO_COMPLEX':
      return new ApiError(
        'unexpected',
        'The server found this request too large to answer. Please report it; it is a bug in the explorer.',
        undefined,
        requestId,
      );
    case 'INTERNAL_SERVER_ERROR':
      return new ApiError('server', 'Something went wrong on the server.', undefined, requestId);
    default:
      return new ApiError('unexpected', 'The server could not answer this request.', undefined, requestId);
  }
}

/** Runs one GraphQL operation; resolves with its data or rejects with an ApiError. */
export async function graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new ApiError('network', 'Could not reach the discgraph server. Check your connection and try again.');
  }
  const requestId = response.headers.get('x-request-id') ?? undefined;
  let body: GraphQLBody<T>;
  try {
    body = (await response.json()) as GraphQLBody<T>;
  } catch {
    throw new ApiError(
      response.status >= 500 ? 'server' : 'unexpected',
      'The server sent an answer the explorer could not read.',
      undefined,
      requestId,
    );
  }
  const [first] = body.errors ?? [];
  if (first !== undefined) {
    throw errorFor(first, requestId);
  }
  if (!response.ok || body.data === undefined || body.data === null) {
    throw new ApiError('unexpected', 'The server could not answer this request.', undefined, requestId);
  }
  return body.data;
}
