// The ingestion's HTTP client against a local server replaying ClinicalTrials.gov's recorded pages:
// paging with pageToken, a 429 honoured by its Retry-After, a 500 retried with backoff, a clear
// User-Agent, and giving up with a clear error when the API keeps failing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fetchPages } from '../../src/ingest/ctgov';
import { HttpClient, HttpError, retryAfterMs } from '../../src/ingest/http';
import { fetchEuropepmc } from '../../src/ingest/europepmc';
import { fetchPubmed } from '../../src/ingest/pubmed';
import { ctgovRoutes, type ReplayServer, startReplayServer } from '../support/replay';

const fixture = (file: string) => readFileSync(path.join(__dirname, '..', 'fixtures', 'ingest', file), 'utf8');
const page1 = fixture('ctgov/page-1.json');
const page2 = fixture('ctgov/page-2.json');
const nextToken = (JSON.parse(page1) as { nextPageToken: string }).nextPageToken;

const quick = (retries: string[] = [], maxRetries = 3) =>
  new HttpClient({
    minIntervalMs: 0,
    maxRetries,
    baseDelayMs: 10,
    maxDelayMs: 2_000,
    timeoutMs: 5_000,
    onRetry: (m) => retries.push(m),
  });

describe('the ClinicalTrials.gov client', () => {
  let replay: ReplayServer;
  afterEach(() => replay?.close());

  it('pages through /api/v2/studies with pageToken, retrying a 429 after its Retry-After and a 500', async () => {
    replay = await startReplayServer(ctgovRoutes(page1, page2));
    const retries: string[] = [];
    const pages = (await fetchPages(
      quick(retries),
      replay.url,
      'intervertebral disc degeneration AND stem cells',
      () => undefined,
    )) as Array<{
      studies: Array<{ protocolSection: { identificationModule: { nctId: string } } }>;
    }>;

    expect(pages.flatMap((p) => p.studies.map((s) => s.protocolSection.identificationModule.nctId))).toEqual([
      'NCT01290367',
      'NCT01860417',
      'NCT02412735',
      'NCT03347708',
      'NCT06325566',
      'NCT07254806',
    ]);
    expect(replay.requests.map((r) => r.url.searchParams.get('pageToken'))).toEqual([null, null, nextToken, nextToken]);
    expect(retries).toEqual([
      expect.stringMatching(/^HTTP 429 .* in 1 s$/),
      expect.stringMatching(/^HTTP 500 .* in 0 s$/),
    ]);
    const first = replay.requests[0];
    expect(first.url.searchParams.get('query.term')).toBe('intervertebral disc degeneration AND stem cells');
    expect(first.url.searchParams.get('format')).toBe('json');
    for (const request of replay.requests) {
      expect(request.headers['user-agent']).toMatch(/^discgraph-ingest\/\d+\.\d+\.\d+ \(/);
    }
  });

  it('gives up after its retries with an error that names the URL and the status', async () => {
    replay = await startReplayServer([
      { match: () => true, responses: [{ status: 503, body: '{"message":"Service Unavailable"}' }] },
    ]);
    const client = quick([], 2);
    await expect(client.getJson(`${replay.url}/api/v2/studies`)).rejects.toThrow(
      /GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/studies: HTTP 503, and still after 2 retries; try again later/,
    );
    expect(replay.requests).toHaveLength(3);
    expect(client.retries).toBe(2);
  });

  it('does not retry a client error, and says what the API answered', async () => {
    replay = await startReplayServer([
      { match: () => true, responses: [{ status: 400, body: '{"message":"unknown parameter query.bogus"}' }] },
    ]);
    const error = await quick()
      .getJson(`${replay.url}/api/v2/studies?query.bogus=1`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    expect((error as Error).message).toContain('unknown parameter query.bogus');
    expect(replay.requests).toHaveLength(1);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('Fri, 04 Dec 2026 10:00:05 GMT', Date.parse('Fri, 04 Dec 2026 10:00:00 GMT'))).toBe(5000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });
});

describe('the literature clients', () => {
  let replay: ReplayServer;
  afterEach(() => replay?.close());

  it('runs esearch, then efetch for the ids, against PubMed E-utilities', async () => {
    replay = await startReplayServer([
      {
        match: (url) => url.pathname === '/entrez/eutils/esearch.fcgi',
        responses: [{ body: JSON.stringify({ esearchresult: { count: '2', idlist: ['99000001', '99000002'] } }) }],
      },
      {
        match: (url) => url.pathname === '/entrez/eutils/efetch.fcgi',
        responses: [{ headers: { 'Content-Type': 'text/xml' }, body: fixture('pubmed/efetch.xml') }],
      },
    ]);
    const texts = await fetchPubmed(quick(), replay.url, 'intervertebral disc degeneration stem cell', () => undefined);
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('<PubmedArticleSet>');
    const efetch = replay.requests[1].url;
    expect(efetch.searchParams.get('id')).toBe('99000001,99000002');
    expect(efetch.searchParams.get('db')).toBe('pubmed');
    expect(efetch.searchParams.get('retmode')).toBe('xml');
  });

  it('follows Europe PMC cursorMark until it stops moving', async () => {
    const results = fixture('europepmc/results.json');
    const cursor = (JSON.parse(results) as { nextCursorMark: string }).nextCursorMark;
    const last = JSON.stringify({ hitCount: 3, nextCursorMark: cursor, resultList: { result: [] } });
    replay = await startReplayServer([
      { match: (url) => url.searchParams.get('cursorMark') === '*', responses: [{ body: results }] },
      { match: (url) => url.searchParams.get('cursorMark') === cursor, responses: [{ body: last }] },
    ]);
    const pages = await fetchEuropepmc(quick(), replay.url, 'stem cell intervertebral disc', () => undefined);
    expect(pages).toHaveLength(2);
    expect(replay.requests.map((r) => r.url.searchParams.get('resultType'))).toEqual(['core', 'core']);
  });
});
