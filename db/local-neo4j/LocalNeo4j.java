// The local, embedded Neo4j 5.26 Community DBMS that `npm start`, `npm run db:start` and the
// test harness run when NEO4J_URI is not set. Launched with Java's single-file source launcher:
//
//   java -Xms1g -Xmx1g -cp "$(mvn dependency:build-classpath)" LocalNeo4j.java \
//        --home .data/neo4j --port 7687 --pagecache 2g
//
// Contract with src/db/localNeo4j.ts: prints one line "DISCGRAPH_NEO4J_READY bolt://127.0.0.1:<port>"
// once Bolt accepts connections, and shuts the DBMS down cleanly (checkpoint, store closed) on
// SIGTERM or SIGINT through the JVM shutdown hook, so a stop never leaves a store needing recovery.
// The settings below mirror the environment in docker-compose.yml; change both together.

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public class LocalNeo4j {
  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    Path home = Path.of(options.getOrDefault("home", ".data/neo4j")).toAbsolutePath();
    int port = Integer.parseInt(options.getOrDefault("port", "7687"));
    long pageCache = ByteUnit.parse(options.getOrDefault("pagecache", "2g"));
    long txMemory = ByteUnit.parse(options.getOrDefault("tx-memory", "1g"));

    DatabaseManagementService dbms =
        new DatabaseManagementServiceBuilder(home)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(HttpConnector.enabled, false)
            .setConfig(GraphDatabaseSettings.auth_enabled, false)
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
            .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemory)
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(60))
            .setConfig(GraphDatabaseSettings.shutdown_transaction_end_timeout, Duration.ofSeconds(5))
            .build();

    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("DISCGRAPH_NEO4J_STOPPING");
                  dbms.shutdown();
                  System.out.println("DISCGRAPH_NEO4J_STOPPED");
                  stopped.countDown();
                },
                "local-neo4j-shutdown"));

    // Touch the default database so the store is created and started before we say "ready".
    dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
    System.out.println("DISCGRAPH_NEO4J_READY bolt://127.0.0.1:" + port);
    System.out.flush();
    stopped.await();
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got: " + String.join(" ", args));
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }
}
