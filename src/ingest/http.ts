// The HTTP client of the ingestions: a clear User-Agent, at most one request per interval (the
// public APIs' rate limits), retries of 429 (waiting as Retry-After says) and of 5xx and network
// failures (with exponential backoff), and a timeout per request. Bodies are read whole: pages are
// small, and a page is the unit a retry repeats.
import { setTimeout as sleep } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../paths';

export interface HttpOptions {
  /** Least time between two requests' starts (ClinicalTrials.gov asks for about 50 a minute). */
  minIntervalMs: number;
  /** Retries of one request after a 429, a 5xx or a network failure. */
  maxRetries: number;
  /** First backoff; it doubles with each retry, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  timeoutMs: number;
  /** Called before each wait, to say why (the CLI prints it). */
  onRetry?: (message: string) => void;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  minIntervalMs: 1_250,
  maxRetries: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  timeoutMs: 30_000,
};

const packageVersion = (): string => {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
};

/** Names the tool and, when INGEST_CONTACT is set, who to write to (as NCBI and EBI ask of clients). */
export function userAgent(contact = process.env.INGEST_CONTACT): string {
  const who = contact === undefined || contact.trim() === '' ? '' : `; ${contact.trim()}`;
  return `discgraph-ingest/${packageVersion()} (knowledge graph of cell therapy for low back pain${who})`;
}

export class HttpError extends Error {
  readonly userFacing = true;
  constructor(
    readonly url: string,
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** How long a Retry-After header asks to wait: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') {
    return null;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim()) * 1000;
  }
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

export class HttpClient {
  private nextStart = 0;
  /** Requests sent, retries included (the summary reports them). */
  requests = 0;
  retries = 0;

  private readonly userAgent = userAgent();

  constructor(private readonly options: HttpOptions = DEFAULT_HTTP_OPTIONS) {}

  async getText(url: string, accept: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      await this.waitForSlot();
      this.requests += 1;
      let response: Response;
      try {
        response = await fetch(url, {
          headers: { 'User-Agent': this.userAgent, Accept: accept },
          signal: AbortSignal.timeout(this.options.timeoutMs),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await this.retryOrFail(url, null, attempt, `request failed (${reason})`, null);
        continue;
      }
      if (response.ok) {
        return response.text();
      }
      const body = (await response.text()).slice(0, 300);
      if (response.status === 429 || response.status >= 500) {
        const wait = response.status === 429 ? retryAfterMs(response.headers.get('retry-after')) : null;
        await this.retryOrFail(url, response.status, attempt, `HTTP ${response.status}`, wait);
        continue;
      }
      throw new HttpError(url, response.status, `GET ${url} answered HTTP ${response.status}: ${body}`);
    }
  }

  async getJson(url: string): Promise<unknown> {
    const text = await this.getText(url, 'application/json');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new HttpError(url, 200, `GET ${url} did not answer JSON: ${(error as Error).message}`);
    }
  }

  private async waitForSlot(): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, this.nextStart);
    this.nextStart = start + this.options.minIntervalMs;
    if (start > now) {
      await sleep(start - now);
    }
  }

  private async retryOrFail(
    url: string,
    status: number | null,
    attempt: number,
    what: string,
    retryAfter: number | null,
  ): Promise<void> {
    if (attempt >= this.options.maxRetries) {
      throw new HttpError(url, status, `GET ${url}: ${what}, and still after ${attempt} retries; try again later`);
    }
    const backoff = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** attempt);
    const wait = retryAfter === null ? backoff : Math.min(this.options.maxDelayMs, retryAfter);
    this.retries += 1;
    this.options.onRetry?.(
      `${what} from ${new URL(url).host}; retry ${attempt + 1} of ${this.options.maxRetries} in ${Math.round(wait / 100) / 10} s`,
    );
    await sleep(wait);
  }
}
