// `npm run db:start | db:stop | db:status`: manage the local Neo4j in the background.
import { loadConfig } from '../config';
import { localNeo4jStatus, startLocalNeo4j, stopLocalNeo4j } from '../db/localNeo4j';
import { runCli } from './run';

runCli(async (args) => {
  const config = loadConfig();
  const local = { dir: config.local.dir, port: config.local.port };
  switch (args[0]) {
    case 'start': {
      const status = await startLocalNeo4j({ ...config.local, say: (line) => console.log(line) });
      console.log(`running pid=${status.pid} uri=${status.uri} log=${status.logFile}`);
      return 0;
    }
    case 'stop': {
      const stopped = await stopLocalNeo4j(local);
      console.log(stopped ? 'stopped' : 'not running');
      return 0;
    }
    case 'status': {
      const status = await localNeo4jStatus(local);
      console.log(
        status.running
          ? `running pid=${status.pid} uri=${status.uri} ready=${status.ready} log=${status.logFile}`
          : `stopped (uri would be ${status.uri}; log ${status.logFile})`,
      );
      return status.running && status.ready ? 0 : 3;
    }
    default:
      console.error('usage: db (start|stop|status)');
      return 2;
  }
});
