// `proxpath info`: the runtime, and the backend that fitPath picks here (and why).

import { fitPath } from '../fit.js';

export async function infoCommand(): Promise<void> {
  console.log(`node ${process.version} on ${process.platform} ${process.arch}`);
  // A tiny problem: whatever fit.device says is what a real fit would get on this machine.
  const X = [[1, 0], [0, 1], [1, 1], [2, 1]];
  const fit = await fitPath({ X, y: [1, 2, 3, 4] }, { backend: 'auto', nLambda: 2 });
  console.log(`backend (auto): ${fit.backend}`);
  console.log(`device: ${JSON.stringify(fit.device, null, 2)}`);
}
