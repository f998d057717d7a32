// The inputs of the eight operations, chosen from the generated graph itself, the same for every server.
import { openBenchDatabase } from './db';
import type { FloorExtras } from './servers';
import type { BenchParams } from './types';

export async function chooseParams(uri: string): Promise<{ params: BenchParams; floor: FloorExtras }> {
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
    const [last] = await executor.read<{ name: string; id: string }>(
      'bench.page49',
      'MATCH (t:Trial) WITH t ORDER BY t.name, t.id SKIP toInteger($skip) LIMIT 1 RETURN t.name AS name, t.id AS id',
      { skip: 49 * pageSize - 1 },
    );
    const [largest] = await executor.read<{ label: string }>(
      'bench.largest',
      `UNWIND ['CellSource','CellType','Product','Mechanism','Condition','Trial','Outcome','Risk','RegulatoryStatus','Source'] AS label
       CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS n }
       RETURN label ORDER BY n DESC LIMIT 1`,
    );
    return {
      params: {
        conditionId: condition.id,
        phases: ['PHASE_2', 'PHASE_3'],
        cellSourceId: cellSource.id,
        searchText: 'adipose mesenchymal',
        centreId: centre.id,
        pageSize,
        largestLabel: largest.label,
      },
      floor: { afterName: last.name, afterId: last.id },
    };
  } finally {
    await database.close();
  }
}
