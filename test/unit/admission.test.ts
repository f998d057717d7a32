// Admission control's line (src/http/admission.ts): turns up to the limit, then a first-come line
// of bounded length, then refusals; a released turn passes to the first in line.
import { Admission } from '../../src/http/admission';

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
});
