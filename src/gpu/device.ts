// A WebGPU adapter and its device: what the adapter says about itself, whether it is a software
// renderer, and a device that asks for the adapter's own limits on the sizes that bound
// proxpath's buffers (the defaults, 128 MiB per binding and 16 KiB of workgroup memory, are
// far below what most adapters allow).

import type { AdapterSummary, GpuHost } from '../problem/types.js';
import { InputError } from '../errors.js';
import { isGpuDevice } from '../problem/validate.js';

/** The limits requested at the adapter's maximum, and reported in the result. */
export const REQUESTED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupsPerDimension',
  'maxStorageBuffersPerShaderStage',
] as const;

/** Names under which CPU implementations of WebGPU's drivers present themselves. */
const SOFTWARE_NAMES = /swiftshader|llvmpipe|lavapipe|softpipe|software|microsoft basic render|\bwarp\b/i;

/**
 * The adapter's description. `isFallbackAdapter` moved from GPUAdapter to GPUAdapterInfo in the
 * spec; both places are read, and a driver named like a software one counts as one too (Dawn
 * and Chromium say so for SwiftShader, but not every build flags it).
 */
export function summarizeAdapter(info: GPUAdapterInfo, adapter?: GPUAdapter): AdapterSummary {
  const fallback = Boolean(
    (info as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean } | undefined)?.isFallbackAdapter,
  );
  const summary = {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: fallback,
  };
  const named = SOFTWARE_NAMES.test([summary.vendor, summary.architecture, summary.device, summary.description].join(' '));
  return { ...summary, software: fallback || named };
}

/** "google swiftshader (software fallback)": the adapter in a few words, for reasons and reports. */
export function adapterName(adapter: AdapterSummary): string {
  const name = [adapter.vendor, adapter.architecture].filter((s) => s !== '').join(' ') || adapter.description || 'unnamed adapter';
  return adapter.software ? `${name} (software${adapter.isFallbackAdapter ? ' fallback' : ''})` : name;
}

/** The requested limits as plain numbers (for JSON). */
export function limitsOf(limits: GPUSupportedLimits): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of REQUESTED_LIMITS) out[name] = Number(limits[name]);
  return out;
}

/**
 * Optional features requested where the adapter has them: `timestamp-query`, so that a fit
 * reports the GPU time of its passes (timing.gpuMs). A device without them works the same.
 */
export const OPTIONAL_FEATURES = ['timestamp-query'] as const;

/** A device with the adapter's maximum for each requested limit, and the optional features it has. */
export function openDevice(adapter: GPUAdapter, label = 'proxpath'): Promise<GPUDevice> {
  const requiredLimits: Record<string, number> = {};
  for (const name of REQUESTED_LIMITS) requiredLimits[name] = Number(adapter.limits[name]);
  const requiredFeatures = OPTIONAL_FEATURES.filter((name) => adapter.features?.has(name));
  return adapter.requestDevice({ label, requiredLimits, requiredFeatures });
}

/** A device ready for a fit, with what the result says about it. */
export interface AcquiredDevice {
  device: GPUDevice;
  adapter: AdapterSummary;
  limits: Record<string, number>;
}

/** Where devices come from: a host's GPU object, or the caller. `acquire` may be called again after a device loss. */
export interface DeviceSource {
  host: GpuHost;
  /** False when no second device can be had (the caller's own device). */
  renewable: boolean;
  acquire(): Promise<AcquiredDevice>;
}

/** A device's own adapter description and limits (GPUDevice.adapterInfo, Chrome 128+ and Dawn). */
export function describeDevice(device: GPUDevice): AcquiredDevice {
  const info = (device as { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  const adapter = info
    ? summarizeAdapter(info)
    : { vendor: '', architecture: '', device: '', description: 'unknown (no GPUDevice.adapterInfo)', isFallbackAdapter: false, software: false };
  return { device, adapter, limits: limitsOf(device.limits) };
}

/**
 * Devices from a GPU object (navigator.gpu, or Dawn's): a fresh adapter each time, since an
 * adapter gives only one device.
 */
export function gpuSource(gpu: GPU, host: GpuHost): DeviceSource {
  return {
    host,
    renewable: true,
    async acquire() {
      const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
      if (!adapter) throw new Error('the WebGPU adapter is gone');
      return describeDevice(await openDevice(adapter));
    },
  };
}

/** Devices the caller supplies: one device, or a function giving a new one each call. */
export function callerSource(device: GPUDevice | (() => Promise<GPUDevice>)): DeviceSource {
  const renewable = typeof device === 'function';
  return {
    host: 'caller',
    renewable,
    async acquire() {
      const given = typeof device === 'function' ? await device() : device;
      if (!isGpuDevice(given)) throw new InputError('option device: the function gave no GPUDevice');
      return describeDevice(given);
    },
  };
}
