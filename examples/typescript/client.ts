// A typed discgraph client: fetch plus the TypedDocumentNodes that GraphQL Code Generator made from
// operations.graphql (`npm run codegen`). Results and variables are typed by the document, so a
// field renamed in the schema breaks this file at compile time, not at run time.
//
//   npx tsx examples/typescript/client.ts http://localhost:4000
//
// It prints a JSON summary: graph stats, every trial (paged through the `trials` connection with
// cursors) and the best search hits for "degenerative".
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type DocumentNode, getOperationAST, print } from 'graphql';
import {
  GraphStatsDocument,
  SearchEntitiesDocument,
  type TrialsPageQuery,
  TrialsPageDocument,
} from './generated/graphql';

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string };
}

export class DiscgraphError extends Error {
  override name = 'DiscgraphError';
  constructor(
    message: string,
    readonly codes: string[],
  ) {
    super(message);
  }
}

export class DiscgraphClient {
  readonly endpoint: string;
  /**
   * The latest X-Neo4j-Bookmark the server returned (after a write), sent back with every later
   * request so that they read the graph at least as new as this client's own writes, whichever
   * replica answers (README.md#read-your-writes-across-replicas).
   */
  bookmark: string | undefined;

  constructor(
    serverUrl: string,
    private readonly options: { apiKey?: string } = {},
  ) {
    const url = new URL(serverUrl);
    this.endpoint = new URL('/graphql', url.origin).toString();
  }

  async request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    ...[variables]: TVariables extends Record<string, never> ? [] : [TVariables]
  ): Promise<TResult> {
    const operationName = getOperationAST(document as DocumentNode)?.name?.value;
    const response = await fetch(this.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(this.options.apiKey === undefined ? {} : { authorization: `Bearer ${this.options.apiKey}` }),
        ...(this.bookmark === undefined ? {} : { 'x-neo4j-bookmark': this.bookmark }),
      },
      body: JSON.stringify({ query: print(document as DocumentNode), operationName, variables: variables ?? {} }),
    });
    this.bookmark = response.headers.get('x-neo4j-bookmark') ?? this.bookmark;
    const body = (await response.json()) as { data?: TResult | null; errors?: GraphQLErrorBody[] };
    if (body.errors !== undefined && body.errors.length > 0) {
      const codes = body.errors.map((e) => e.extensions?.code ?? 'UNKNOWN');
      const detail = body.errors.map((e, i) => `${codes[i]}: ${e.message}`).join('; ');
      throw new DiscgraphError(`${operationName ?? 'operation'} failed (${detail})`, codes);
    }
    if (!response.ok || body.data === undefined || body.data === null) {
      throw new DiscgraphError(`${operationName ?? 'operation'} answered HTTP ${response.status} without data`, []);
    }
    return body.data;
  }

  /** Every trial, a page at a time, following `pageInfo.endCursor` until `hasNextPage` is false. */
  async *trials(pageSize: number): AsyncGenerator<TrialsPageQuery['trials']['edges'][number]['node']> {
    let after: string | null = null;
    for (;;) {
      const { trials }: TrialsPageQuery = await this.request(TrialsPageDocument, { first: pageSize, after });
      for (const edge of trials.edges) {
        yield edge.node;
      }
      if (!trials.pageInfo.hasNextPage) {
        return;
      }
      after = trials.pageInfo.endCursor;
    }
  }
}

async function main(argv: string[]): Promise<void> {
  const serverUrl = argv[0] ?? process.env.DISCGRAPH_URL ?? 'http://localhost:4000';
  const pageSize = Number(argv[1] ?? 10);
  const client = new DiscgraphClient(serverUrl);

  const { stats } = await client.request(GraphStatsDocument);
  const trials = [];
  for await (const trial of client.trials(pageSize)) {
    trials.push(trial);
  }
  const { search } = await client.request(SearchEntitiesDocument, { query: 'degenerative', first: 5 });

  const byPhase: Record<string, number> = {};
  for (const trial of trials) {
    // A trial whose phase no source states is left out, as pandas' value_counts leaves out None.
    if (trial.phase != null) {
      byPhase[trial.phase] = (byPhase[trial.phase] ?? 0) + 1;
    }
  }
  const summary = {
    stats: { totalNodes: stats.totalNodes, totalRelationships: stats.totalRelationships },
    trials: trials.length,
    trialIds: trials.map((trial) => trial.id),
    trialsByPhase: byPhase,
    outcomes: trials.reduce((sum, trial) => sum + trial.outcomes.totalCount, 0),
    search: search.edges.map(({ node }) => ({
      type: node.__typename,
      id: node.id,
      name: node.name,
      // The generated union narrows on __typename: only a Condition has a CURIE selected here.
      ...(node.__typename === 'Condition' ? { curie: node.curie } : {}),
    })),
  };
  console.log(JSON.stringify(summary, null, 2));
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
