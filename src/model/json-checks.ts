// The pieces every model loader shares: the InputError naming the source, the JSON-object test,
// the text parsed, the format version checked against the newest this proxpath reads.

import { InputError, show } from '../errors.js';

export type Json = Record<string, unknown>;

export function fail(source: string, what: string): never {
  throw new InputError(`${source}: ${what}`);
}

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A parsed JSON value as it is, its text parsed (an InputError when it is not JSON). */
export function parsedJson(source: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (err) {
    fail(source, `not valid JSON (${(err as Error).message})`);
  }
}

export function checkVersion(source: string, o: Json, supported: number): void {
  const version = o.formatVersion;
  if (!Number.isInteger(version) || (version as number) < 1) fail(source, `formatVersion ${show(version)} is not a format version`);
  if ((version as number) > supported) fail(source, `formatVersion ${version} is newer than this proxpath reads (${supported}); upgrade proxpath`);
}

/** Feature names: any strings (numerals included), each once. */
export function featureNames(source: string, o: Json): string[] {
  const names = o.featureNames;
  if (!Array.isArray(names) || names.length === 0 || !names.every((x) => typeof x === 'string')) {
    fail(source, 'field featureNames must be a non-empty array of strings');
  }
  const seen = new Map<string, number>();
  names.forEach((name: string, j) => {
    const before = seen.get(name);
    if (before !== undefined) fail(source, `field featureNames: name ${show(name)} appears twice (features ${before + 1} and ${j + 1})`);
    seen.set(name, j);
  });
  return names as string[];
}
