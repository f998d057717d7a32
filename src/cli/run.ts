/** Node's own argument parser (node:util parseArgs) names the bad option in its message. */
function isArgumentError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/**
 * Runs a command-line entry point: known failures (bad configuration, missing Java, an invalid
 * seed, an unknown option) print one clear message without a stack trace; anything else prints
 * its stack.
 */
export function runCli(main: (args: string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const known = error instanceof Error && ('userFacing' in error || isArgumentError(error));
      console.error(known ? `error: ${(error as Error).message}` : error);
      process.exit(1);
    },
  );
}
