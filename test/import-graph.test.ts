// The import graph of src/ (DESIGN §3: data flows one way): no file reaches itself through its
// imports, type-only and dynamic imports included (a type-only circle is still a circle in the
// design); no folder of the library reaches itself through its files' imports; and the layers
// keep their places: the WebAssembly heap and kernels (src/wasm) import nothing outside their
// folder, the losses and penalties nothing from src/problem, and nothing below the composition
// root (src/api) imports it or the hosts (src/hosts); the data formats (src/formats), shared by
// the command line and the page, import no Node module and nothing of src/ but the errors. Imports are read by TypeScript's own
// scanner (ts.preProcessFile: `import … from`, `export … from`, `import('…')`, side-effect
// imports; comments skipped).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

/** Every .ts file under `dir`, as paths relative to the repository root (forward slashes). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [path.relative(process.cwd(), full).split(path.sep).join('/')] : [];
  });
}

/** The files under src/ that `file` imports (relative specifiers ending in .js, resolved to their .ts). */
function importsOf(file: string, unresolved: string[]): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.') || !fileName.endsWith('.js')) return []; // packages, ?raw shaders, styles
    const target = path.posix.join(path.posix.dirname(file), fileName).replace(/\.js$/, '.ts');
    if (!existsSync(target)) {
      unresolved.push(`${file}: ${fileName}`);
      return [];
    }
    return [target];
  });
}

/** The packages (bare specifiers and `node:` modules) that `file` imports. */
function packagesOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName }) => fileName).filter((name) => !name.startsWith('.'));
}

function importGraph(): { graph: Map<string, string[]>; unresolved: string[] } {
  const unresolved: string[] = [];
  const graph = new Map(sourceFiles(SRC).map((file) => [file, importsOf(file, unresolved)]));
  return { graph, unresolved };
}

/**
 * One circle per strongly connected part of the graph that has one (Tarjan's algorithm), each
 * written as the files along it, back to the first.
 */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const part = new Set<string>();
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      part.add(w);
    } while (w !== v);
    const selfLoop = graph.get(v)?.includes(v);
    if (part.size > 1 || selfLoop) found.push(circleThrough(v, part, graph));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

/** A path from `start` back to itself inside `part` (breadth-first: a shortest one). */
function circleThrough(start: string, part: Set<string>, graph: Map<string, string[]>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!part.has(w)) continue;
      if (w === start) {
        const circle = [start];
        for (let u = v; u !== start; u = previous.get(u)!) circle.splice(1, 0, u);
        return [...circle, start];
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return [start, start];
}

/** The imports of files under `from` (a folder of src, or one file) that land in `into` (folders or files). */
function crossings(graph: Map<string, string[]>, from: (file: string) => boolean, into: (file: string) => boolean): string[] {
  return [...graph].flatMap(([file, targets]) => (from(file) ? targets.filter(into).map((t) => `${file} → ${t}`) : []));
}

/**
 * The graph of the folders: a file's folder (a file directly in src/ is its own node), an edge
 * wherever a file imports a file of another folder; files that `skip` names are left out.
 */
function folderGraph(graph: Map<string, string[]>, skip: (file: string) => boolean): Map<string, string[]> {
  const folderOf = (file: string) => (path.posix.dirname(file) === 'src' ? file : path.posix.dirname(file));
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    if (skip(file)) continue;
    const from = folderOf(file);
    if (!folders.has(from)) folders.set(from, new Set());
    for (const target of targets) if (!skip(target) && folderOf(target) !== from) folders.get(from)!.add(folderOf(target));
  }
  return new Map([...folders].map(([folder, targets]) => [folder, [...targets]]));
}

const under = (...folders: string[]) => (file: string) => folders.some((folder) => file.startsWith(`src/${folder}/`));

describe('the import graph of src/', () => {
  const { graph, unresolved } = importGraph();

  it('is read whole: every relative import names a file that is there', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(unresolved).toEqual([]);
  });

  it('has no import circles (type-only and dynamic imports count)', () => {
    const circles = cycles(graph).map((circle) => circle.join(' → '));
    expect(circles).toEqual([]);
  });

  it("has no circles between the library's folders (the bench and the web page apart)", () => {
    const folders = folderGraph(graph, under('bench', 'page'));
    expect(cycles(folders).map((circle) => circle.join(' → '))).toEqual([]);
  });

  it('finds a circle where there is one', () => {
    const toy = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
    ]);
    expect(cycles(toy)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('keeps the WebAssembly heap and kernels lowest: src/wasm imports nothing outside itself', () => {
    expect(crossings(graph, under('wasm'), (t) => !under('wasm')(t))).toEqual([]);
  });

  it('keeps the losses and penalties below the problem: they import nothing from src/problem (validate looks losses up)', () => {
    expect(crossings(graph, under('losses', 'penalties'), under('problem'))).toEqual([]);
  });

  it('keeps the composition root and the hosts on top: nothing below them imports src/api or src/hosts', () => {
    const below = (file: string) => file === 'src/fit.ts' || under('cv', 'gpu', 'solvers', 'problem', 'losses', 'penalties', 'wasm', 'model')(file);
    expect(crossings(graph, below, under('api', 'hosts'))).toEqual([]);
  });

  it('keeps the data formats browser-safe: src/formats imports no node: module and nothing of src/ but src/errors.ts', () => {
    const formats = [...graph.keys()].filter(under('formats'));
    expect(formats.length).toBeGreaterThan(5);
    expect(crossings(graph, under('formats'), (t) => !under('formats')(t) && t !== 'src/errors.ts')).toEqual([]);
    expect(formats.flatMap((file) => packagesOf(file).filter((name) => name.startsWith('node:') || name === 'fs' || name === 'path').map((name) => `${file} → ${name}`))).toEqual([]);
  });
});
