// The inputs of the eight operations, chosen from the generated graph itself, the same for every server.
import { openBenchDatabase } from './db';
import type { BenchParams } from './types';

export async function chooseParams(uri: string): Promise<BenchParams> {
  const database = openBenchDatabase(uri, 2);
  try {
    const executor = database.executor();
    // A popular condition, but not the single largest: the 5th most studied.
    const [condition] = await executor.read<{ id: string; trials: number }>(
      'bench.condition',
      `MATCH (c:Condition) WITH c, COUNT { (c)<-[:STUDIES]-() } AS trials
       ORDER BY trials DESC, c.id LIMIT 5 RETURN c.id AS id, trials ORDER BY trials ASC, id LIMIT 1`,
    );
    // A cell source a few claims away from it; the most used one.
    const [cellSource] = await executor.read<{ id: string }>(
      'bench.cellSource',
      `MATCH (s:CellSource) RETURN s.id AS id ORDER BY COUNT { (s)--() } DESC, id LIMIT 1`,
    );
    // A trial of median degree as the neighbourhood's centre.
    const [centre] = await executor.read<{ id: string }>(
      'bench.centre',
      `MATCH (t:Trial) WITH t, COUNT { (t)--() } AS degree ORDER BY degree, t.id
       WITH collect(t.id) AS ids RETURN ids[size(ids) / 2] AS id`,
    );
    const pageSize = 20;
    const [largest] = await executor.read<{ label: string }>(
      'bench.largest',
      `UNWIND ['CellSource','CellType','Product','Mechanism','Condition','Trial','Outcome','Risk','RegulatoryStatus','Source'] AS label
       CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS n }
       RETURN label ORDER BY n DESC LIMIT 1`,
    );
    return {
      conditionId: condition.id,
      phases: ['PHASE_2', 'PHASE_3'],
      cellSourceId: cellSource.id,
      searchText: 'adipose mesenchymal',
      centreId: centre.id,
      pageSize,
      largestLabel: largest.label,
    };
  } finally {
    await database.close();
  }
}
