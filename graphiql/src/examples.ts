// The IDE's example tabs are the operations of the README's "Example operations" section: the
// bundle carries README.md as text and reads them here. test/api/readme-examples.test.ts runs the
// same list against the seed graph, so the README, the IDE and the test cannot disagree.

export interface ReadmeExample {
  /** The operation's name, which GraphiQL shows as the tab's title. */
  name: string;
  /** The operation, preceded by the README's sentence about it as GraphQL comments. */
  query: string;
}

const SECTION = '## Example operations';

export function readmeExamples(readme: string): ReadmeExample[] {
  const start = readme.indexOf(SECTION);
  if (start < 0) {
    throw new Error(`README.md has no "${SECTION}" section`);
  }
  const end = readme.indexOf('\n## ', start + SECTION.length);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => {
    const operation = match[1];
    const paragraphs = section
      .slice(0, match.index)
      .trimEnd()
      .split(/\n\s*\n/);
    const about = paragraphs[paragraphs.length - 1]
      .split('\n')
      .map((line) => `# ${line}`)
      .join('\n');
    const name = /^(?:query|mutation)\s+(\w+)/m.exec(operation)?.[1];
    if (name === undefined) {
      throw new Error(`an example operation in README.md has no name:\n${operation}`);
    }
    return { name, query: `${about}\n${operation}` };
  });
}
