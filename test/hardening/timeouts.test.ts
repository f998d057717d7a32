// Deadlines: a transaction past its deadline is cancelled in the database (not left running) and
// reported as TIMEOUT.
import { Database } from '../../src/db/database';
import { openDatabase } from '../support/harness';

const SLOW = 'UNWIND range(1, 500000000) AS x WITH x WHERE x = -1 RETURN count(*) AS c';

describe('transaction deadlines', () => {
  it('cancels the database work past the deadline and answers TIMEOUT', async () => {
    const database = openDatabase();
    try {
      const executor = database.executor({ deadline: Date.now() + 300, operationName: 'deadline-test' });
      const error = await executor.read('test.slow', SLOW).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as { extensions?: { code?: string } })?.extensions?.code).toBe('TIMEOUT');
      // The database itself closed the transaction: nothing of ours is still running.
      let running = 1;
      for (let i = 0; i < 50 && running > 0; i++) {
        const rows = await database
          .executor()
          .read<{ n: number }>(
            'test.showTransactions',
            `SHOW TRANSACTIONS YIELD metaData, currentQuery WHERE metaData.operationName = 'deadline-test' RETURN count(*) AS n`,
          );
        running = rows[0].n;
        if (running > 0) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(running).toBe(0);
    } finally {
      await database.close();
    }
  });

  it('answers DATABASE_UNAVAILABLE, not an internal error, when every pooled connection stays busy', async () => {
    const base = openDatabase();
    const { options } = base;
    await base.close();
    // One connection, taken by a slow read; the next read waits for it past the acquisition timeout.
    const database = new Database({ ...options, poolSize: 1, connectionTimeoutMs: 300 });
    try {
      const slow = database
        .executor({ deadline: Date.now() + 5_000 })
        .read('test.slow', SLOW)
        .catch((e: unknown) => e);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const error = await database
        .executor()
        .read('test.waiting', 'RETURN 1')
        .catch((e: unknown) => e);
      expect((error as { extensions?: { code?: string } }).extensions?.code).toBe('DATABASE_UNAVAILABLE');
      expect((error as Error).message).toContain('every database connection is in use');
      expect(((await slow) as { extensions?: { code?: string } }).extensions?.code).toBe('TIMEOUT');
    } finally {
      await database.close();
    }
  });

  it('refuses to start work whose deadline has already passed', async () => {
    const database = openDatabase();
    try {
      const error = await database
        .executor({ deadline: Date.now() - 1 })
        .read('test.late', 'RETURN 1')
        .catch((e: unknown) => e);
      expect((error as { extensions?: { code?: string } }).extensions?.code).toBe('TIMEOUT');
    } finally {
      await database.close();
    }
  });
});
