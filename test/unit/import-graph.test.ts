// The modules of src/ form a one-way graph: a request flows from main through server and plugins
// down to the repositories and src/db, never back. A cycle makes load order matter (a class can be
// undefined when a decorator first reads it) and ties layers together, so any cycle among the
// files of src/ fails here, naming its files. Type-only imports count too: they are the first step
// of a value import in the same direction.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const SRC = resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The module specifiers of a file's `import … from` and `export … from` statements. */
function specifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  return source.statements.flatMap((statement) => {
    const specifier =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    return specifier !== undefined && ts.isStringLiteral(specifier) ? [specifier.text] : [];
  });
}

/** The .ts file a relative specifier names, or undefined for a package or a non-TypeScript file. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) {
    return undefined;
  }
  const base = resolve(dirname(from), specifier.replace(/\.js$/, ''));
  return [base, `${base}.ts`, join(base, 'index.ts')].find((path) => path.endsWith('.ts') && existsSync(path));
}

/** Each file of src/ (relative to src/) and the files of src/ it imports. */
export function importGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const targets = specifiers(file)
      .map((specifier) => resolveImport(file, specifier))
      .filter((target): target is string => target !== undefined && !target.endsWith('.test.ts'))
      .map((target) => relative(SRC, target));
    graph.set(relative(SRC, file), new Set(targets));
  }
  return graph;
}

/**
 * Every cycle as the sorted files of one strongly connected component (Tarjan's algorithm): a
 * component of two or more files, or one file that imports itself.
 */
export function findCycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];

  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) {
        lowLink.set(node, Math.min(lowLink.get(node)!, index.get(next)!));
      }
    }
    if (lowLink.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || graph.get(node)?.has(node)) {
        cycles.push(component.sort());
      }
    }
  };

  for (const node of [...graph.keys()].sort()) {
    if (!index.has(node)) {
      visit(node);
    }
  }
  return cycles;
}

describe('findCycles', () => {
  it('finds a loop of several files and a file that imports itself, and nothing in a one-way graph', () => {
    const graph = new Map([
      ['a.ts', new Set(['b.ts'])],
      ['b.ts', new Set(['c.ts'])],
      ['c.ts', new Set(['a.ts', 'd.ts'])],
      ['d.ts', new Set(['e.ts'])],
      ['e.ts', new Set<string>()],
      ['f.ts', new Set(['f.ts'])],
    ]);
    expect(findCycles(graph).sort()).toEqual([['a.ts', 'b.ts', 'c.ts'], ['f.ts']]);
    graph.get('c.ts')!.delete('a.ts');
    graph.get('f.ts')!.delete('f.ts');
    expect(findCycles(graph)).toEqual([]);
  });
});

describe('the import graph of src/', () => {
  it('reads the imports of every file, type-only and re-exports included', () => {
    const graph = importGraph();
    expect(graph.get('auth/authChecker.ts')).toContain('context.ts'); // import type
    expect(graph.get('export/index.ts')).toContain('export/records.ts'); // export … from
  });

  it('has no cycle', () => {
    const described = findCycles(importGraph()).map((files) => files.join(' <-> '));
    expect(described).toEqual([]);
  });
});
