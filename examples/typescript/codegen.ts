// GraphQL Code Generator: types for the operations in examples/typescript/*.graphql, checked
// against the committed schema (schema/schema.graphql), emitted as TypedDocumentNodes so a client
// gets typed results and variables from the document alone. Run with `npm run codegen`.
// The output is committed; test/examples/typescript.test.ts regenerates it into a temporary
// folder (CODEGEN_OUT_DIR) and fails if the committed copy differs.
import type { CodegenConfig } from '@graphql-codegen/cli';

const outDir = process.env.CODEGEN_OUT_DIR ?? 'examples/typescript/generated';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['examples/typescript/*.graphql'],
  generates: {
    // typescript-operations 6 emits the enums and inputs the operations use itself, so the
    // schema-wide `typescript` plugin is not needed (and would declare them twice).
    [`${outDir}/graphql.ts`]: {
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        enumType: 'string-literal',
        useTypeImports: true,
        nonOptionalTypename: true,
      },
    },
  },
};

// The codegen CLI loads its configuration as this module's default export.
// eslint-disable-next-line no-restricted-syntax
export default config;
