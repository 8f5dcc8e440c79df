// Dawn in this process: the GPU object of the npm package `webgpu` (an optional dependency,
// loaded only when the probe found a hardware adapter; see dawn-probe.ts).

/** What the package exports (typed here: it may be absent when this compiles). */
interface DawnModule {
  create(flags: string[]): GPU;
  globals: Record<string, unknown>;
}

/** Dawn's GPU object; WebGPU's constants (GPUBufferUsage, …) are put on globalThis where missing. */
export async function dawnGpu(): Promise<GPU> {
  const name = 'webgpu'; // not a literal: bundlers and the type checker leave the optional package alone
  const dawn = (await import(/* @vite-ignore */ name)) as DawnModule;
  for (const [key, value] of Object.entries(dawn.globals)) {
    if (!(key in globalThis)) Object.defineProperty(globalThis, key, { value, configurable: true, writable: true });
  }
  return dawn.create([]);
}
