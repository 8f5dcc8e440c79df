// The WebGPU adapter of this browser, as the model panel shows it: vendor, architecture, software
// fallback or not, and the limits that size proxpath's buffers; or why there is none.

import { adapterName, limitsOf, summarizeAdapter } from '../../gpu/device.js';
import type { AdapterSummary } from '../../problem/types.js';
import { byId, el } from '../ui/dom.js';

export interface AdapterState {
  adapter: AdapterSummary | null;
  /** Why there is no adapter. */
  missing?: string;
}

const MiB = 1024 * 1024;

export async function probeAdapter(): Promise<AdapterState> {
  const gpu = navigator.gpu;
  if (!gpu) {
    const why = window.isSecureContext ? 'this browser has no WebGPU (navigator.gpu is missing)' : 'WebGPU needs a secure origin (https or localhost) and this page is not one';
    return { adapter: null, missing: why };
  }
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { adapter: null, missing: 'the browser has WebGPU but gives no adapter (blocklisted or disabled GPU)' };
    const summary = summarizeAdapter(adapter.info, adapter);
    showAdapter(summary, limitsOf(adapter.limits));
    return { adapter: summary };
  } catch (error) {
    return { adapter: null, missing: `requesting a WebGPU adapter failed: ${(error as Error).message}` };
  }
}

function showAdapter(summary: AdapterSummary, limits: Record<string, number>): void {
  const box = byId('adapter');
  box.classList.toggle('warn', summary.software);
  const lines = [
    `WebGPU adapter: ${adapterName(summary)}${summary.device ? `, device ${summary.device}` : ''}${summary.description ? ` (${summary.description})` : ''}.`,
    summary.software
      ? 'A software renderer (a CPU emulating a GPU): correct but slow; auto uses the CPU.'
      : 'A hardware GPU: auto uses it.',
    `Limits: storage binding ${Math.round(limits.maxStorageBufferBindingSize / MiB)} MiB, buffer ${Math.round(limits.maxBufferSize / MiB)} MiB, workgroup memory ${limits.maxComputeWorkgroupStorageSize / 1024} KiB, ${limits.maxComputeInvocationsPerWorkgroup} invocations per workgroup.`,
  ];
  box.replaceChildren(...lines.map((text) => el('div', { textContent: text })));
}

export function showNoAdapter(why: string): void {
  const box = byId('adapter');
  box.classList.add('warn');
  box.textContent = `No WebGPU: ${why}. Fits run on the CPU; backend WebGPU will report the error.`;
}
