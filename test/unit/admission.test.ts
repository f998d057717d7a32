// Admission control's line (src/http/admission.ts): turns up to the limit, then a first-come line
// of bounded length, then refusals; a released turn passes to the first in line.
import { Admission, turnWithin } from '../../src/http/admission';

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Admission', () => {
  it('runs up to the limit at once, lines up the next in arrival order and refuses past the line', async () => {
    const admission = new Admission({ running: 2, queued: 2 });
    const order: string[] = [];
    const take = (name: string) => {
      const turn = admission.enter();
      if (turn === null) {
        order.push(`${name} refused`);
        return undefined;
      }
      return turn.then((release) => {
        order.push(`${name} runs`);
        return release;
      });
    };
    const a = take('a');
    const b = take('b');
    const c = take('c');
    const d = take('d');
    take('e');
    await settle();
    expect(order).toEqual(['e refused', 'a runs', 'b runs']);
    expect([admission.running, admission.waiting, admission.refused]).toEqual([2, 2, 1]);

    (await b)!();
    await settle();
    expect(order.slice(3)).toEqual(['c runs']);
    (await a)!();
    await settle();
    expect(order.slice(4)).toEqual(['d runs']);
    expect([admission.running, admission.waiting]).toEqual([2, 0]);

    (await c)!();
    (await d)!();
    expect([admission.running, admission.waiting]).toEqual([0, 0]);
  });

  it('gives a turn back once however often it is released', async () => {
    const admission = new Admission({ running: 1, queued: 1 });
    const release = await admission.enter()!;
    const next = admission.enter()!;
    release();
    release();
    const releaseNext = await next;
    expect(admission.running).toBe(1);
    const third = admission.enter();
    expect(third).not.toBeNull();
    expect(admission.waiting).toBe(1);
    releaseNext();
    (await third!)();
    expect([admission.running, admission.waiting]).toEqual([0, 0]);
  });

  it('counts the turns that had to wait', async () => {
    const admission = new Admission({ running: 1, queued: 2 });
    const first = await admission.enter()!;
    const second = admission.enter()!;
    expect(admission.waited).toBe(1);
    first();
    (await second)();
    (await admission.enter()!)();
    expect([admission.waited, admission.running]).toEqual([1, 0]);
  });
});

describe('turnWithin', () => {
  const WHAT = 'searches';

  it('gives a free turn at once, and a taken one when it is handed on', async () => {
    const line = new Admission({ running: 1, queued: 1 });
    const first = await turnWithin(line, Date.now() + 10_000, WHAT);
    let second: (() => void) | undefined;
    const waiting = turnWithin(line, Date.now() + 10_000, WHAT).then((release) => (second = release));
    await settle();
    expect(second).toBeUndefined();
    first();
    await waiting;
    expect(line.running).toBe(1);
    second!();
    expect(line.running).toBe(0);
  });

  it('refuses with SERVER_BUSY when the line is full', async () => {
    const line = new Admission({ running: 1, queued: 0 });
    const first = await turnWithin(line, undefined, WHAT);
    await expect(turnWithin(line, undefined, WHAT)).rejects.toMatchObject({
      message: 'The server is busy: 1 searches are running and 0 more are waiting. Retry after 1 s.',
      extensions: { code: 'SERVER_BUSY', retryAfterSeconds: 1 },
    });
    first();
    expect([line.running, line.refused]).toEqual([0, 1]);
  });

  it('answers TIMEOUT when the deadline passes in the line, and hands the late turn back unused', async () => {
    const line = new Admission({ running: 1, queued: 1 });
    const first = await turnWithin(line, undefined, WHAT);
    await expect(turnWithin(line, Date.now() + 20, WHAT)).rejects.toMatchObject({
      message: "The request's time ran out while it waited for a turn (1 searches run at once); retry shortly.",
      extensions: { code: 'TIMEOUT' },
    });
    expect(line.waiting).toBe(1);
    first();
    await settle();
    expect([line.running, line.waiting]).toEqual([0, 0]);
  });

  it('answers TIMEOUT at once when the deadline has passed and the turn is not free', async () => {
    const line = new Admission({ running: 1, queued: 1 });
    const first = await turnWithin(line, undefined, WHAT);
    await expect(turnWithin(line, Date.now() - 1, WHAT)).rejects.toMatchObject({ extensions: { code: 'TIMEOUT' } });
    first();
    await settle();
    expect(line.running).toBe(0);
  });
});
