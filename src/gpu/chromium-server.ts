// The headless host's web server, on 127.0.0.1 (a secure context, which WebGPU requires): the
// host page, the browser bundle of proxpath (dist/browser, made by `npm run build`), and the
// job's files (the data as raw float64, the options as JSON), which the page fetches.

import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page: loads the bundle's host entry, which defines window.__proxpath (chromium-page.ts). */
const HOST_PAGE = `<!doctype html><meta charset="utf-8"><title>proxpath host</title>
<script type="module">import '/browser/chromium-page.js';</script>`;

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.map': 'application/json' };

/** dist/browser from the compiled host (dist/src/gpu) or, run from source, from src/gpu. */
export function browserBundleDir(): string {
  const candidates = ['../../browser/', '../../dist/browser/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  const found = candidates.find((dir) => existsSync(path.join(dir, 'chromium-page.js')));
  if (!found) {
    throw new Error(`the browser bundle of proxpath is missing (looked in ${candidates.join(' and ')}): run npm run build`);
  }
  return found;
}

export interface HostServer {
  /** The page's address, http://127.0.0.1:port/ */
  url: string;
  /** Serves `body` at /job/<name> until replaced. */
  setJobFile(name: string, body: Uint8Array | string): void;
  close(): Promise<void>;
}

export async function startHostServer(bundleDir = browserBundleDir()): Promise<HostServer> {
  const job = new Map<string, Uint8Array | string>();
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, type: string, body: Uint8Array | string) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      response.end(body);
    };
    if (url.pathname === '/') return send(200, 'text/html', HOST_PAGE);
    if (url.pathname.startsWith('/job/')) {
      const body = job.get(url.pathname.slice('/job/'.length));
      return body === undefined ? send(404, 'text/plain', 'no such job file') : send(200, 'application/octet-stream', body);
    }
    if (url.pathname.startsWith('/browser/')) {
      // Only files directly inside the bundle folder: no way out of it.
      const name = path.basename(url.pathname);
      const file = path.join(bundleDir, name);
      const type = TYPES[path.extname(name)];
      if (type && name === url.pathname.slice('/browser/'.length) && existsSync(file)) return send(200, type, readFileSync(file));
    }
    return send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    setJobFile: (name, body) => job.set(name, body),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
