// `npm run hash-key -- <name> <role>`: makes a new API key and the API_KEYS entry that admits it.
// The key is printed once and stored nowhere; the entry holds only its salted hash.
import { generateApiKey, parseApiKeys } from '../auth/apiKeys';
import { isRole } from '../auth/roles';
import { runCli } from './run';

class UsageError extends Error {
  readonly userFacing = true;
}

runCli(async (argv) => {
  const [name, role, ...rest] = argv;
  if (name === undefined || !isRole(role) || rest.length > 0) {
    throw new UsageError('usage: npm run hash-key -- <name> <reader|curator|admin>');
  }
  const { key, entry } = generateApiKey(name, role);
  const parsed = parseApiKeys(entry);
  if ('problem' in parsed) {
    throw new UsageError(`the key ${parsed.problem.replace(/^entry 1 /, '')}`);
  }
  console.log(`API key for ${name} (${role}); hand it over now, it is not stored anywhere:\n\n  ${key}\n`);
  console.log(`Add this entry to API_KEYS (entries are comma-separated):\n\n  ${entry}\n`);
  return 0;
});
