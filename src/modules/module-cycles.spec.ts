// No import cycle between the modules of src/modules/* (DESIGN.md section 1: "no import cycle
// between modules"). The graph is read from the sources themselves (every relative import, type-only
// ones too, as madge counts them): module A → module B when a file of A imports a file of B. Any edge
// inside a cycle fails the test, named with one file that makes it. What every module shares sits
// below them all: src/common/ (errors, money, access, idempotency) and src/engine/ (the allocator),
// which ESLint keeps from importing any module.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const MODULES = resolve('src/modules');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.spec.ts') ? [path] : [];
  });
}

/** module → the modules it imports, with one file that shows each edge. */
function moduleGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  const moduleOf = (path: string) => relative(MODULES, path).split(sep)[0];
  for (const file of sourceFiles(MODULES)) {
    const from = moduleOf(file);
    const targets = graph.get(from) ?? new Map<string, string>();
    graph.set(from, targets);
    for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), match[1]);
      if (!target.startsWith(MODULES + sep)) continue;
      const to = moduleOf(target);
      if (to !== from && !targets.has(to)) targets.set(to, relative(process.cwd(), file));
    }
  }
  return graph;
}

/** Edges whose two ends lie in one strongly connected component (Tarjan): the edges of cycles. */
function cycleEdges(graph: Map<string, Map<string, string>>): Map<string, string> {
  let index = 0;
  const indices = new Map<string, number>();
  const lowLinks = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const component = new Map<string, number>();
  let components = 0;
  const visit = (node: string) => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node)!, lowLinks.get(next)!));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node)!, indices.get(next)!));
      }
    }
    if (lowLinks.get(node) === indices.get(node)) {
      for (;;) {
        const member = stack.pop()!;
        onStack.delete(member);
        component.set(member, components);
        if (member === node) break;
      }
      components += 1;
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  const edges = new Map<string, string>();
  for (const [from, targets] of graph) {
    for (const [to, file] of targets) {
      if (component.get(from) === component.get(to)) edges.set(`${from} -> ${to}`, file);
    }
  }
  return edges;
}

describe('imports between src/modules/*', () => {
  it('close no cycle', () => {
    const edges = cycleEdges(moduleGraph());
    expect([...edges.entries()].map(([edge, file]) => `${edge} (in ${file})`)).toEqual([]);
  });

  it('are read: the graph holds the modules and their edges', () => {
    // A reader that found nothing would pass the test above vacuously.
    const graph = moduleGraph();
    expect(graph.get('floor')?.has('estimates')).toBe(true);
    expect(graph.get('workflow')?.has('estimates')).toBe(true);
  });
});
