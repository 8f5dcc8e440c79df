// The page side of the browser runner, as source text (the page must get exactly what is written
// here, not a function rewritten by a bundler or test transform): the body of an async function
// of `args` that runs in a page of proxpath's local server (chromium-server.ts). It loads the
// browser bundle once, opens one WebGPU device for the whole run (so that pipelines compile in
// the warm-up, not in the timed runs), fetches the case's data, fits it once untimed and then up
// to `args.repeats` times, and answers in JSON text.
//
// args: { jobPath, nRows, nCols, options, folds, repeats, maxMs, limitNames, featureNames }
// (jobPath: the case's secret folder on the server, /job/<token>/, whose files are served once)
// The device gets timestamp-query where the adapter has it, so that fits report timing.gpuMs.
//
// answer: { ok: true, timesMs, solveMs, gpuMs, fit: { lambda, intercept, beta, iterations, work }, cvm, device }
//       | { ok: false, error }

export const PAGE_BODY = String.raw`
try {
  window.__benchLib ??= await import('/browser/proxpath.js');
  const lib = window.__benchLib;
  let gpu = window.__benchGpu;
  if (!gpu || gpu.lost) {
    if (!navigator.gpu) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
    const adapter = await navigator.gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('this browser gives no WebGPU adapter');
    const requiredLimits = {};
    for (const name of args.limitNames) requiredLimits[name] = Number(adapter.limits[name]);
    const requiredFeatures = args.featureNames.filter((name) => adapter.features.has(name));
    const device = await adapter.requestDevice({ label: 'proxpath bench', requiredLimits, requiredFeatures });
    const info = adapter.info;
    gpu = window.__benchGpu = {
      device, lost: false, features: [...adapter.features].sort(),
      info: { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description,
        isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) },
    };
    device.lost.then(() => { gpu.lost = true; });
  }
  const float64 = async (name) => {
    const response = await fetch(args.jobPath + name, { cache: 'no-store' });
    if (!response.ok) throw new Error('the runner did not serve the case\'s ' + name + ' (' + response.status + ')');
    return new Float64Array(await response.arrayBuffer());
  };
  const data = { X: { data: await float64('X'), nRows: args.nRows, nCols: args.nCols, layout: 'column-major' }, y: await float64('y') };
  const options = { ...args.options, backend: 'webgpu', device: gpu.device };
  const once = async () => {
    if (args.folds > 0) {
      const cv = await lib.cvPath(data, options);
      return { fit: cv.curves[0].fit, cvm: Array.from(cv.curves[0].cvm) };
    }
    return { fit: await lib.fitPath(data, options) };
  };
  await once();
  const timesMs = [];
  const solveMs = [];
  const gpuMs = [];
  let last;
  let spent = 0;
  while (timesMs.length < args.repeats && (timesMs.length === 0 || spent < args.maxMs)) {
    const start = performance.now();
    last = await once();
    const ms = performance.now() - start;
    timesMs.push(ms);
    solveMs.push(last.fit.timing.solveMs);
    gpuMs.push(last.fit.timing.gpuMs);
    spent += ms;
  }
  const fit = last.fit;
  return JSON.stringify({
    ok: true, timesMs, solveMs: args.folds > 0 ? undefined : solveMs, cvm: last.cvm,
    gpuMs: args.folds === 0 && gpuMs.every((ms) => typeof ms === 'number') ? gpuMs : undefined,
    fit: { lambda: Array.from(fit.lambda), intercept: Array.from(fit.intercept), beta: fit.beta.map((b) => Array.from(b)),
      iterations: Array.from(fit.iterations), backend: fit.backend, device: fit.device,
      work: fit.work ? { ...fit.work, blocks: undefined } : undefined },
    device: { adapter: gpu.info, features: gpu.features },
  });
} catch (error) {
  return JSON.stringify({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
`;
