// The headless host's web server, on 127.0.0.1 (a secure context, which WebGPU requires): the
// host page, the browser bundle of proxpath (dist/browser, made by `npm run build`), and the
// job's files (the data as raw float64, the options as JSON), which the page fetches.
//
// Other local processes can reach the port, and a web page can reach it by DNS rebinding: every
// request must name this server as its Host (127.0.0.1:port or localhost:port), and a job's
// files are under a secret path, /job/<token>/ (256 random bits, given to the page over the
// browser's DevTools pipe), each served once. The page and the bundle are public code.

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The page: loads the bundle's host entry, which defines window.__proxpath (page/chromium-page.ts). */
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

export type JobFiles = Record<string, Uint8Array | string>;

export interface HostServer {
  /** The page's address, http://127.0.0.1:port/ */
  url: string;
  /**
   * Publishes a job's files under a new secret folder and returns its path (/job/<token>/):
   * each file is served once, to a GET of that path and its name. The previous job's files
   * that were not fetched are dropped.
   */
  publishJob(files: JobFiles): string;
  close(): Promise<void>;
}

export async function startHostServer(bundleDir = browserBundleDir()): Promise<HostServer> {
  let job: { token: Buffer; files: Map<string, Uint8Array | string> } | undefined;
  let port = 0;
  const server = createServer((request, response) => {
    const send = (status: number, type: string, body: Uint8Array | string) => {
      response.writeHead(status, {
        'content-type': type,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'cross-origin-resource-policy': 'same-origin',
      });
      response.end(body);
    };
    // DNS rebinding: a page of another site that resolves to 127.0.0.1 still says its own name.
    const host = request.headers.host;
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(403, 'text/plain', 'wrong host');
    if (request.method !== 'GET') return send(405, 'text/plain', 'only GET');
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/') return send(200, 'text/html', HOST_PAGE);
    if (url.pathname.startsWith('/job/')) {
      const [token = '', name = '', ...more] = url.pathname.slice('/job/'.length).split('/');
      const files = job && more.length === 0 && sameToken(token, job.token) ? job.files : undefined;
      const body = files?.get(name);
      if (body === undefined) return send(404, 'text/plain', 'no such job file');
      files!.delete(name); // once: a second request, from anyone, finds nothing
      return send(200, 'application/octet-stream', body);
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
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    publishJob(files) {
      const token = randomBytes(32);
      job = { token, files: new Map(Object.entries(files)) };
      return `/job/${token.toString('base64url')}/`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        job = undefined;
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Compares a token from a URL with the job's in constant time. */
function sameToken(text: string, token: Buffer): boolean {
  const given = Buffer.from(text, 'base64url');
  return given.length === token.length && given.toString('base64url') === text && timingSafeEqual(given, token);
}
