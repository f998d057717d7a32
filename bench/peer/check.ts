// Sends each of the eight peer requests once to a running peer server and prints what came back,
// in sizes that can be set beside our server's answers. Any GraphQL error fails the check.
//
//   npx tsx bench/peer/check.ts http://127.0.0.1:<port> '<BenchParams as JSON>'
import { type BenchParams, OPERATIONS, type OperationName } from '../types';
import { peerRequests } from './operations';

type Data = Record<string, any>;

const count = (connection: Data) => connection.aggregate.count.nodes as number;
const total = (items: Data[], pick: (item: Data) => number) => items.reduce((sum, item) => sum + pick(item), 0);

/** One line per operation: the sizes of what it returned. */
const SUMMARIES: Record<OperationName, (data: Data) => string> = {
  trialsNested: ({ trials }) =>
    `${trials.length} trials, ${total(trials, (t) => t.outcomesConnection.edges.length)} outcomes, ` +
    `${total(trials, (t) => t.interventionsConnection.edges.length)} interventions, ` +
    `${total(trials, (t) => t.sources.length)} trial sources; ids ${trials.map((t: Data) => t.id).join(' ')}`,
  evidenceSummary: (data) =>
    `trialCount ${count(data.trialCount)}, ${data.trials.length} trials, ${data.bestOutcomes.length} best outcomes, ` +
    `${data.risks.length} risks (${total(data.risks, (r) => r.reportedInConnection.edges.length)} claims), ` +
    `${data.regulatoryStatuses.length} regulatory statuses ` +
    `(${total(data.regulatoryStatuses, (s) => s.conditionsConnection.edges.length)} claims), evidence levels ` +
    data.evidenceLevels
      .filter((l: Data) => l.count > 0)
      .map((l: Data) => `${l.level}=${l.count}`)
      .join(' '),
  trialAggregates: (data) => {
    const nonZero = (prefix: string) =>
      Object.entries(data)
        .filter(([alias, value]) => alias.startsWith(prefix) && count(value) > 0)
        .map(([alias, value]) => `${alias.slice(prefix.length)}=${count(value)}`)
        .join(' ');
    return `trialCount ${count(data.total)}; byPhase ${nonZero('phase_')}; byStatus ${nonZero('status_')}`;
  },
  search: ({ search }) =>
    `totalCount ${search.totalCount}, ${search.hits.length} hits: ` +
    search.hits.map((h: Data) => `${h.entity.id} (${h.entity.label}, ${h.score.toFixed(2)})`).join(', '),
  neighborhood: ({ neighborhood }) =>
    neighborhood === null
      ? 'no such centre'
      : `${neighborhood.nodes.length} nodes, ${neighborhood.claims.length} claims`,
  paths: ({ paths }) =>
    `${paths.length} paths, lengths ${paths.map((p: Data) => p.length).join(',')}: ` +
    paths
      .map((p: Data) =>
        [p.steps[0]?.from.id, ...p.steps.map((s: Data) => `${s.forward ? '→' : '←'}${s.to.id}`)].join(''),
      )
      .join(' | '),
  deepPage: ({ trialsConnection }) =>
    `${trialsConnection.edges.length} trials (${trialsConnection.edges.map((e: Data) => e.node.id).join(' ')}), ` +
    `hasNextPage ${trialsConnection.pageInfo.hasNextPage}`,
  totalCount: (data) => `count ${count(Object.values(data)[0] as Data)}`,
};

async function main(): Promise<number> {
  const [baseUrl, paramsJson] = process.argv.slice(2);
  if (baseUrl === undefined || paramsJson === undefined) {
    console.error("usage: npx tsx bench/peer/check.ts <baseUrl> '<BenchParams JSON>'");
    return 2;
  }
  const params = JSON.parse(paramsJson) as BenchParams;
  const stats = async () => (await (await fetch(new URL('/bench/stats', baseUrl))).json()) as { roundTrips: number };
  const requests = await peerRequests(baseUrl, params);
  let failed = false;
  for (const operation of OPERATIONS) {
    const { path, body } = requests[operation];
    const before = (await stats()).roundTrips;
    const response = await fetch(new URL(path, baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const json = (await response.json()) as { data?: Data; errors?: unknown[] };
    const roundTrips = (await stats()).roundTrips - before;
    if (!response.ok || json.errors !== undefined || json.data == null) {
      failed = true;
      console.error(`FAIL ${operation}: HTTP ${response.status} ${JSON.stringify(json.errors ?? json)}`);
      continue;
    }
    console.log(`${operation.padEnd(16)} [${roundTrips} round trips] ${SUMMARIES[operation](json.data)}`);
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
