// A Node module-load hook for test/cli-startup.test.ts: registered with `node --import`, it
// writes every file module the process loads to stderr as `loaded <url>`.
import { register } from 'node:module';

register('data:text/javascript,' + encodeURIComponent(`
export async function load(url, context, next) {
  if (url.startsWith('file:')) process.stderr.write('loaded ' + url + '\\n');
  return next(url, context);
}`));
