// Admission control for /graphql: at most `running` operations execute at once and the next
// `queued` wait in arrival order; past that a request is refused at once with 503 SERVER_BUSY and
// Retry-After. Two cores shared with Neo4j do not go faster with 64 queries in flight: every one of
// them goes slower, and the unlucky ones very much so. Held to a few at a time, each runs at the
// speed of a lightly loaded server, the rest wait their turn, and a response's time is its place
// in the line plus its own work.
import type { RequestHandler, Response } from 'express';
import { ServerBusyError, TimeoutError } from '../common/errors';

export interface AdmissionLimits {
  /** Operations executing at once; 0 turns admission control off. */
  running: number;
  /** Requests waiting for a turn beyond those; more are refused. */
  queued: number;
}

/** What metrics read of the line. */
export interface AdmissionState {
  readonly running: number;
  readonly waiting: number;
  /** Turns that were not free when asked for, so far: given later, or not at all. */
  readonly waited: number;
  readonly refused: number;
}

export class Admission implements AdmissionState {
  private active = 0;
  private refusals = 0;
  private waits = 0;
  private readonly line: Array<() => void> = [];

  constructor(readonly limits: AdmissionLimits) {}

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.line.length;
  }

  get waited(): number {
    return this.waits;
  }

  get refused(): number {
    return this.refusals;
  }

  /**
   * A turn: resolves once the caller may run, with the function that gives the turn back (call it
   * once); null, at once, when the line is full.
   */
  enter(): Promise<() => void> | null {
    if (this.active < this.limits.running) {
      this.active += 1;
      return Promise.resolve(this.leave());
    }
    if (this.line.length >= this.limits.queued) {
      this.refusals += 1;
      return null;
    }
    this.waits += 1;
    return new Promise((resolve) => this.line.push(() => resolve(this.leave())));
  }

  /** The one-shot release of a turn: the next in line takes it over, or it is freed. */
  private leave(): () => void {
    let left = false;
    return () => {
      if (left) {
        return;
      }
      left = true;
      const next = this.line.shift();
      if (next === undefined) {
        this.active -= 1;
      } else {
        next();
      }
    };
  }
}

/**
 * A turn for one piece of a request's work (`what`, plural: "path searches"): at once or in arrival
 * order. Refused with SERVER_BUSY when the line is full, and with TIMEOUT when the request's
 * deadline passes while it waits; a turn given after that is handed back unused.
 */
export async function turnWithin(line: Admission, deadline: number | undefined, what: string): Promise<() => void> {
  const { running, queued } = line.limits;
  const turn = line.enter();
  if (turn === null) {
    throw new ServerBusyError(
      `The server is busy: ${running} ${what} are running and ${queued} more are waiting. Retry after 1 s.`,
    );
  }
  if (deadline === undefined) {
    return turn;
  }
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    const message = `The request's time ran out while it waited for a turn (${running} ${what} run at once); retry shortly.`;
    timer = setTimeout(() => reject(new TimeoutError(message)), Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([turn, late]);
  } catch (error) {
    void turn.then((release) => release());
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const gone = (res: Response) => res.writableEnded || res.destroyed || res.req.destroyed;

export function admissionMiddleware(admission: Admission): RequestHandler {
  const { running, queued } = admission.limits;
  return (_req, res, next) => {
    const turn = admission.enter();
    if (turn === null) {
      res.setHeader('Retry-After', '1');
      res.status(503).json({
        errors: [
          {
            message: `The server is busy: ${running} operations are running and ${queued} are waiting. Retry after 1 s.`,
            extensions: { code: 'SERVER_BUSY', retryAfterSeconds: 1 },
          },
        ],
      });
      return;
    }
    void turn.then((release) => {
      // A client that hung up while it waited gives its turn back unused.
      if (gone(res)) {
        release();
        return;
      }
      res.once('finish', release);
      res.once('close', release);
      next();
    });
  };
}
