// The check behind every "stored evidence cards stay true" test: each condition has a card of the
// current format, no card outlives its condition, and each card as stored equals the card the live
// query computes from the graph now (src/graph/dashboard/card.store.ts).
import { isDeepStrictEqual } from 'node:util';
import type { Executor } from '../../src/db/database';
import { CARD_FORMAT, EVIDENCE_CARD_LABEL, evidenceSummary } from '../../src/graph/dashboard/dashboard.repository';

/** What differs, one line per condition; empty when every stored card is true. */
export async function cardMismatches(db: Executor): Promise<string[]> {
  const conditions = (
    await db.read<{ id: string }>('test.conditions', 'MATCH (c:Condition) RETURN c.id AS id ORDER BY id')
  ).map((r) => r.id);
  const cards = new Map(
    (
      await db.read<{ id: string; format: string }>(
        'test.cards',
        `MATCH (card:${EVIDENCE_CARD_LABEL}) RETURN card.conditionId AS id, card.format AS format`,
      )
    ).map((r) => [r.id, r.format]),
  );
  const problems: string[] = [];
  for (const id of cards.keys()) {
    if (!conditions.includes(id)) {
      problems.push(`${id}: a card without a condition`);
    }
  }
  for (const id of conditions) {
    if (cards.get(id) !== CARD_FORMAT) {
      problems.push(`${id}: no card of format ${CARD_FORMAT} (${cards.get(id) ?? 'none'})`);
      continue;
    }
    const stored = await evidenceSummary(db, id, null);
    const live = await evidenceSummary(db, id, null, { live: true });
    if (!isDeepStrictEqual(stored, live)) {
      const keys = Object.keys(live.summary ?? {}) as Array<keyof NonNullable<typeof live.summary>>;
      const differing = keys.filter((key) => !isDeepStrictEqual(stored.summary?.[key], live.summary?.[key]));
      problems.push(`${id}: the stored card differs from the live one in ${differing.join(', ') || 'its lookup'}`);
    }
  }
  return problems;
}
