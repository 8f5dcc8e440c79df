// What the command line loads before it has work to do: `--help`, a command's help and a usage
// error load its flags and their option lists only, never the solvers, the hosts, the GPU code
// or the WebAssembly kernels (each command imports its module when it runs). The module list
// is what the process loads (a load hook), not a timing.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, requireBuild } from './helpers/cli.js';

const HOOK = fileURLToPath(new URL('./helpers/module-log.mjs', import.meta.url));
/** Folders of dist/src a help text or usage error must not load. */
const HEAVY = ['solvers', 'api', 'gpu', 'hosts', 'wasm', 'cv/cv-path', 'bench', 'page', 'model'];

function loaded(args: string[]): { modules: string[]; status: number | null } {
  const run = spawnSync(process.execPath, ['--import', HOOK, CLI, ...args], { encoding: 'utf8' });
  const modules = run.stderr.split('\n').filter((line) => line.startsWith('loaded ')).map((line) => line.slice('loaded '.length));
  return { modules, status: run.status };
}

describe('the command line starts light', () => {
  it.each([[['--help']], [['fit', '--help']], [['cv', '--help']], [['fit']], [['nonsense']]])('%j loads no solver, host or kernel', (args) => {
    requireBuild();
    const { modules, status } = loaded(args);
    expect(status === 0 || status === 2, `exit status ${status}`).toBe(true);
    const own = modules.filter((url) => url.includes('/dist/src/'));
    expect(own.length).toBeGreaterThan(0); // the hook saw the CLI's modules
    for (const folder of HEAVY) expect(own.filter((url) => url.includes(`/dist/src/${folder}/`) || url.includes(`/dist/src/${folder}.js`)), folder).toEqual([]);
  });

  it('a command loads its solvers when it runs', () => {
    requireBuild();
    const { modules } = loaded(['info']);
    expect(modules.some((url) => url.includes('/dist/src/cli/info.js'))).toBe(true);
  });
});
