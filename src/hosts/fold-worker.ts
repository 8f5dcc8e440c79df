// A worker thread of node-workers.ts: answers the fold jobs it is sent (job-pool.ts).

import { parentPort } from 'node:worker_threads';
import { foldServer } from './job-pool.js';

parentPort!.on('message', foldServer((reply) => parentPort!.postMessage(reply)));
