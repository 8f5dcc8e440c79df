// The backend of a fit in one line for the terminal: what computed, where, on which adapter, why.

import { adapterName } from '../gpu/device.js';
import type { PathFitJSON } from '../problem/result.js';

export function backendLine({ backend, device }: Pick<PathFitJSON, 'backend' | 'device'>): string {
  const parts: string[] = [backend];
  // A CPU fit's reason already says which adapter was turned down, and where.
  if (backend === 'cpu') return `backend: cpu (${device.reason})`;
  if (device.host) parts.push(`host ${device.host}${typeof device.browser === 'string' ? ` (${device.browser})` : ''}`);
  if (device.adapter) parts.push(`adapter ${adapterName(device.adapter)}`);
  if (device.polished) parts.push('float64 polish on the CPU');
  else if (device.finishedOn) {
    const onCpu = device.finishedOn.filter((where) => where === 'cpu-cd').length;
    parts.push(`${onCpu} of ${device.finishedOn.length} λ finished by float64 coordinate descent on the CPU`);
  }
  if (device.recovered?.length) parts.push(`resumed after ${device.recovered.length} device fault(s)`);
  return `backend: ${parts.join(', ')} (${device.reason})`;
}
