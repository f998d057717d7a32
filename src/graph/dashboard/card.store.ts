// Stored evidence cards: the card of each condition without an intervention, as the live query
// (EVIDENCE_SUMMARY) answers it, kept on one (:EvidenceCard {conditionId}) node per condition, so
// the dashboard's card is one indexed read instead of a walk over every trial below the condition.
//
// They stay true because every write transaction keeps them so before it commits: the write
// primitives (curation's entity and claim stores, the seed loader, the score store) name the
// entities they change with touchCards, and the transaction's last step (Tx.beforeCommit)
// recomputes the card of every condition whose card depends on one of them, by the rules of
// CARDS_DEPENDING_ON. Where a write cuts a card off from an entity (a deleted claim or entity),
// the primitive touches it before the write too, so the cards that depended on it are found while
// the graph still shows the dependency. Write transactions run one at a time (Executor.writeTx
// takes the graph-version lock first), so each computes its cards from what every earlier write
// committed. A card of another format (the card query changed) is never read: the live query
// answers until buildEvidenceCards has replaced it.
//
// Like the audit trail and the graph version, the nodes have no Entity label: the API, stats,
// snapshots and exports never see them. Labels and relationship types come from the closed
// definitions; every value is a parameter.
import type { Executor, Tx } from '../../db/database';
import { ENTITY_LABEL } from '../model';
import { labelOfId } from '../registry';
import {
  CONDITION_SUBCLASS_OF,
  REGULATORY_STATUS_APPLIES_TO_CONDITION,
  TRIAL_HAS_OUTCOME,
  TRIAL_REPORTED_ADVERSE_EVENT,
  TRIAL_STUDIES,
} from '../relationships';
import { MAX_SUBCLASS_DEPTH } from '../patterns';
import {
  CARD_FORMAT,
  CARD_SECTIONS,
  encodeCard,
  EVIDENCE_CARD_LABEL,
  EVIDENCE_SUMMARY,
  evidenceSummaryParams,
  withoutSources,
} from './dashboard.repository';

export const EVIDENCE_CARD_SCHEMA_STATEMENTS: readonly string[] = [
  `CREATE CONSTRAINT evidencecard_conditionid_unique IF NOT EXISTS FOR (n:${EVIDENCE_CARD_LABEL}) REQUIRE n.conditionId IS UNIQUE`,
];

/** The properties of an (:EvidenceCard) node, for docs/DATA.md. */
export const EVIDENCE_CARD_PROPERTIES: Readonly<Record<string, string>> = {
  conditionId: 'The condition whose card (without an intervention) this is; one card per condition.',
  head: 'The row the live evidence-card query returns for the condition, without its lists and the properties of the sources it cites, as gzipped JSON (a byte array).',
  [Object.keys(CARD_SECTIONS).join(', ')]:
    'Each list of that row apart (trials, best outcomes, disagreements, contested trials, risks, statuses), gzipped the same way, so a request decodes only the lists it selects.',
  sourceIds: 'Every source id the card’s listed claims and outcomes cite: a change to one of them recomputes the card.',
  format: 'A digest of the card query and its parameters; a card of another format is not read.',
};

const depth = MAX_SUBCLASS_DEPTH;
const SUBCLASS = CONDITION_SUBCLASS_OF.type;

/*
 * name: cardsDependingOn — the conditions whose card may read any of the entities $ids, by what
 * the card reads (EVIDENCE_SUMMARY without an intervention):
 * - a condition: the cards of the conditions up to MAX_SUBCLASS_DEPTH above it (their trials
 *   include its trials; it is their SUBTYPE) and below it (it is their INHERITED class);
 * - a regulatory status: as each condition it applies to;
 * - a trial, or an outcome or a risk a trial reports: the cards of the conditions the trials study
 *   and those up to MAX_SUBCLASS_DEPTH above them;
 * - a source ($sourceIds): the cards that list a claim or an outcome citing it;
 * - a condition id with no node left ($conditionIds): its own card, which then goes.
 * Other kinds (cell sources, cell types, products, mechanisms, organizations) are read by cards
 * with an intervention only, which are never stored.
 */
const CARDS_DEPENDING_ON = `
CALL () {
  UNWIND $ids AS id
  MATCH (n:${ENTITY_LABEL} {id: id})
  CALL (n) {
    MATCH (n:Condition)
    RETURN n AS z
    UNION
    MATCH (n:RegulatoryStatus)-[:${REGULATORY_STATUS_APPLIES_TO_CONDITION.type}]->(z:Condition)
    RETURN z
  }
  CALL (z) {
    MATCH (z)-[:${SUBCLASS}*0..${depth}]->(x:Condition)
    RETURN x
    UNION
    MATCH (x:Condition)-[:${SUBCLASS}*1..${depth}]->(z)
    RETURN x
  }
  RETURN x.id AS conditionId
  UNION
  UNWIND $ids AS id
  MATCH (n:${ENTITY_LABEL} {id: id})
  CALL (n) {
    MATCH (n:Trial)
    RETURN n AS t
    UNION
    MATCH (t:Trial)-[:${TRIAL_HAS_OUTCOME.type}]->(n:Outcome)
    RETURN t
    UNION
    MATCH (t:Trial)-[:${TRIAL_REPORTED_ADVERSE_EVENT.type}]->(n:Risk)
    RETURN t
  }
  MATCH (t)-[:${TRIAL_STUDIES.type}]->(:Condition)-[:${SUBCLASS}*0..${depth}]->(x:Condition)
  RETURN x.id AS conditionId
  UNION
  MATCH (card:${EVIDENCE_CARD_LABEL})
  WHERE size($sourceIds) > 0 AND any(s IN card.sourceIds WHERE s IN $sourceIds)
  RETURN card.conditionId AS conditionId
  UNION
  UNWIND $conditionIds AS conditionId
  RETURN conditionId
}
RETURN collect(DISTINCT conditionId) AS conditionIds`;

export async function cardsDependingOn(tx: Tx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  const unique = [...new Set(ids)];
  const [row] = await tx.run<{ conditionIds: string[] }>(CARDS_DEPENDING_ON, {
    ids: unique,
    sourceIds: unique.filter((id) => labelOfId(id) === 'Source'),
    conditionIds: unique.filter((id) => labelOfId(id) === 'Condition'),
  });
  return row.conditionIds;
}

interface Touched {
  ids: Set<string>;
  conditions: Set<string>;
}

const touchedIn = new WeakMap<Tx, Touched>();

/**
 * Notes that this transaction changes these entities (or claims joining them), so the cards that
 * depend on them are recomputed before it commits. With `before`, the cards depending on them now
 * are noted too: call it so before a write that may cut the dependency (a delete).
 */
export async function touchCards(tx: Tx, ids: readonly string[], options: { before?: boolean } = {}): Promise<void> {
  let touched = touchedIn.get(tx);
  if (touched === undefined) {
    touched = { ids: new Set(), conditions: new Set() };
    touchedIn.set(tx, touched);
    const state = touched;
    tx.beforeCommit('evidenceCards', async () => {
      for (const id of await cardsDependingOn(tx, [...state.ids])) {
        state.conditions.add(id);
      }
      await refreshCards(tx, [...state.conditions]);
    });
  }
  for (const id of ids) {
    touched.ids.add(id);
  }
  if (options.before === true) {
    for (const id of await cardsDependingOn(tx, ids)) {
      touched.conditions.add(id);
    }
  }
}

type SummaryRow = Record<string, unknown> & { conditionLabel: string | null };

/** Every source id the card cites: of its listed claims and outcomes (their `sourceIds`). */
function citedIn(row: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(row)) {
    for (const item of row) {
      citedIn(item, into);
    }
  } else if (typeof row === 'object' && row !== null) {
    for (const [key, value] of Object.entries(row)) {
      if (key === 'sourceIds' && Array.isArray(value)) {
        for (const id of value) {
          into.add(String(id));
        }
      } else {
        citedIn(value, into);
      }
    }
  }
  return into;
}

// name: writeCards
const WRITE_CARDS = `
UNWIND $cards AS card
MERGE (c:${EVIDENCE_CARD_LABEL} {conditionId: card.conditionId})
SET c += card.parts, c.sourceIds = card.sourceIds, c.format = $format`;

// name: deleteCards
const DELETE_CARDS = `
UNWIND $ids AS id
MATCH (c:${EVIDENCE_CARD_LABEL} {conditionId: id})
DELETE c`;

// name: evidenceSummaries — the card query once for each of $conditionIds, in one statement (the
// query text is the constant EVIDENCE_SUMMARY, its parameter made the unwound variable), so a write
// that touches many small conditions does not pay one round trip each
const EVIDENCE_SUMMARIES = `
UNWIND $conditionIds AS conditionId
CALL (conditionId) {${EVIDENCE_SUMMARY.replaceAll('$conditionId', 'conditionId')}
}
RETURN *`;

/** Conditions whose cards one EVIDENCE_SUMMARIES statement computes. */
const REFRESH_BATCH = 100;

/** Recomputes and stores the cards of these conditions; a card of an id that is no condition goes. */
export async function refreshCards(tx: Tx, conditionIds: readonly string[]): Promise<void> {
  const ids = [...new Set(conditionIds)].sort();
  for (let i = 0; i < ids.length; i += REFRESH_BATCH) {
    const rows = await tx.run<SummaryRow & { conditionId: string }>(EVIDENCE_SUMMARIES, {
      ...evidenceSummaryParams('', null),
      conditionIds: ids.slice(i, i + REFRESH_BATCH),
    });
    const cards = rows
      .filter((row) => row.conditionLabel === 'Condition')
      .map(({ conditionId, ...row }) => ({
        conditionId,
        parts: encodeCard(withoutSources(row)),
        sourceIds: [...citedIn(row)].sort(),
      }));
    const gone = rows.filter((row) => row.conditionLabel !== 'Condition').map((row) => row.conditionId);
    if (cards.length > 0) {
      await tx.run(WRITE_CARDS, { cards, format: CARD_FORMAT });
    }
    if (gone.length > 0) {
      await tx.run(DELETE_CARDS, { ids: gone });
    }
  }
}

// name: conditionsWithoutCards — and those whose card has another format
const CONDITIONS_WITHOUT_CARDS = `
MATCH (c:Condition)
WHERE NOT EXISTS { MATCH (card:${EVIDENCE_CARD_LABEL} {conditionId: c.id}) WHERE card.format = $format }
RETURN c.id AS id
ORDER BY id`;

// name: cardsWithoutConditions
const CARDS_WITHOUT_CONDITIONS = `
MATCH (card:${EVIDENCE_CARD_LABEL})
WHERE NOT EXISTS { MATCH (c:Condition {id: card.conditionId}) }
RETURN card.conditionId AS id`;

/** Cards recomputed per transaction by buildEvidenceCards. */
const BUILD_BATCH = 50;

// name: allConditions
const ALL_CONDITIONS = `MATCH (c:Condition) RETURN c.id AS id ORDER BY id`;

/**
 * Stores the card of every condition that has none of this format, and drops cards of conditions
 * that are gone; for a graph written before cards were stored, or by a bulk load in parts. With
 * `all`, every card is computed again: after writes that went round the write primitives (Cypher
 * run by hand). Each batch is its own transaction, which does not advance the graph version: a
 * card says what the live query says, so no answer changes.
 */
export async function buildEvidenceCards(
  executor: Executor,
  say: (done: number, total: number) => void = () => undefined,
  options: { timeoutMs?: number; stop?: () => boolean; all?: boolean } = {},
): Promise<number> {
  const missing = (
    await executor.read<{ id: string }>(
      'cards.missing',
      options.all === true ? ALL_CONDITIONS : CONDITIONS_WITHOUT_CARDS,
      {
        format: CARD_FORMAT,
      },
    )
  ).map((r) => r.id);
  const orphans = (await executor.read<{ id: string }>('cards.orphans', CARDS_WITHOUT_CONDITIONS)).map((r) => r.id);
  const txOptions = { timeoutMs: options.timeoutMs, derivedOnly: true };
  if (missing.length === 0 && orphans.length === 0) {
    return 0;
  }
  if (orphans.length > 0) {
    await executor.writeTx(
      'cards.drop',
      (tx) => tx.run(DELETE_CARDS, { ids: orphans }).then(() => undefined),
      txOptions,
    );
  }
  for (let i = 0; i < missing.length && options.stop?.() !== true; i += BUILD_BATCH) {
    const batch = missing.slice(i, i + BUILD_BATCH);
    await executor.writeTx('cards.build', (tx) => refreshCards(tx, batch), txOptions);
    say(Math.min(i + BUILD_BATCH, missing.length), missing.length);
  }
  return missing.length;
}

// name: dropEvidenceCards — before a bulk load in parts, whose transactions keep no cards
const DROP_CARDS = `MATCH (card:${EVIDENCE_CARD_LABEL}) DELETE card`;

export async function dropEvidenceCards(executor: Executor): Promise<void> {
  await executor.writeTx('cards.drop', (tx) => tx.run(DROP_CARDS).then(() => undefined), { derivedOnly: true });
}
