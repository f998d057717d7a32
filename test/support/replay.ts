// A local HTTP server that replays recorded responses of a public API, for the ingestion clients
// that cannot reach the real one from here. Each route answers a script of responses in order (the
// last one repeats), so a test can say "429 with Retry-After, then the page" and see the real
// client wait, retry and page on. Every request is recorded with its headers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface Route {
  /** Matches a request by its path and query. */
  match: (url: URL) => boolean;
  responses: Recorded[];
}

export interface ReplayServer {
  url: string;
  requests: Array<{ url: URL; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

export async function startReplayServer(routes: Route[]): Promise<ReplayServer> {
  const served = new Map<Route, number>();
  const requests: ReplayServer['requests'] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://replay.local');
    requests.push({ url, headers: req.headers });
    const route = routes.find((r) => r.match(url));
    if (route === undefined) {
      res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"message":"no recorded response"}');
      return;
    }
    const index = served.get(route) ?? 0;
    served.set(route, index + 1);
    const response = route.responses[Math.min(index, route.responses.length - 1)];
    res.writeHead(response.status ?? 200, { 'Content-Type': 'application/json', ...response.headers });
    res.end(response.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * ClinicalTrials.gov's two recorded pages as the API serves them under strain: the first request
 * gets 429 with Retry-After: 1, the request for the second page a 500, and each retry succeeds.
 */
export function ctgovRoutes(page1: string, page2: string): Route[] {
  const token = (JSON.parse(page1) as { nextPageToken: string }).nextPageToken;
  return [
    {
      match: (url) => url.pathname === '/api/v2/studies' && !url.searchParams.has('pageToken'),
      responses: [
        { status: 429, headers: { 'Retry-After': '1' }, body: '{"message":"Too Many Requests"}' },
        { body: page1 },
      ],
    },
    {
      match: (url) => url.pathname === '/api/v2/studies' && url.searchParams.get('pageToken') === token,
      responses: [{ status: 500, body: '{"message":"Internal Server Error"}' }, { body: page2 }],
    },
  ];
}
