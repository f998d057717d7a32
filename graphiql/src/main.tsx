// GraphiQL on this server's /graphql, opening on the README's example operations, one a tab.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './page.css';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { type ComponentProps, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import readme from '../../README.md?raw';
import { keepTabsAccessible } from './accessibility';
import { readmeExamples } from './examples';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/**
 * GraphiQL learns the operation's name from the editor a moment after a tab opens, so a run right
 * away sends the previous tab's name, which the server refuses (OPERATION_RESOLUTION_FAILURE).
 * A name the document does not define is left out when the document has one operation.
 */
function operationNameFor(query: string, name: string | null | undefined): string | undefined {
  if (name === null || name === undefined) {
    return undefined;
  }
  try {
    const document = parse(query);
    return getOperationAST(document, name) === null && getOperationAST(document) !== null ? undefined : name;
  } catch {
    return name;
  }
}

/** A JSON POST, which Apollo Server's CSRF prevention accepts, with the headers of the Headers tab. */
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...options?.headers },
    body: JSON.stringify({ ...params, operationName: operationNameFor(params.query, params.operationName) }),
  });
  return response.json();
};

const HEADERS = `{
  // Mutations need a curator's or admin's API key (npm run hash-key) or JWT:
  // "Authorization": "Bearer <key>"
}`;

const plugins = [explorerPlugin()];

const root = document.getElementById('root')!;
keepTabsAccessible(root);
createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      plugins={plugins}
      defaultTabs={readmeExamples(readme).map(({ query }) => ({ query }))}
      defaultHeaders={HEADERS}
      defaultEditorToolsVisibility="headers"
    >
      <GraphiQL.Logo>discgraph</GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
