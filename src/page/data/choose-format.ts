// Which reader takes a file the user chose or dropped: its extension's format
// (src/formats/input-formats.ts), else libsvm when its first data line reads as libsvm
// (`label index:value …`, as a .txt often is), else CSV. Two files together are a Matrix Market
// X (.mtx) and its target (one number per line); any other pair is refused.

import { type InputFormat, extensionOf, formatOfExtension, looksLikeLibsvm } from '../../formats/input-formats.js';

/** Bytes looked at for the first line. */
const SNIFF_BYTES = 1 << 16;

export async function formatOfFile(file: Blob, name: string): Promise<InputFormat> {
  const known = formatOfExtension(extensionOf(name));
  if (known) return known;
  let text = await file.slice(0, SNIFF_BYTES).text();
  // A first line cut off by the slice: its last token may be partial, so it is left out.
  if (file.size > SNIFF_BYTES && !/[\r\n]/.test(text)) text = text.slice(0, Math.max(0, text.search(/\s+\S*$/)));
  return looksLikeLibsvm(text) ? 'libsvm' : 'csv';
}

const isMtx = (file: File) => formatOfExtension(extensionOf(file.name)) === 'mtx';

/** The data file and, for a Matrix Market X, its target file; or why the files cannot be read together. */
export function pairFiles(files: File[]): { data: File; target?: File } | string {
  if (files.length === 1) return { data: files[0] };
  const matrices = files.filter(isMtx);
  if (files.length === 2 && matrices.length >= 1) {
    // Two .mtx files: the target (a vector) is the smaller.
    const [data, target] = matrices.length === 1 ? [matrices[0], files.find((f) => f !== matrices[0])!] : [...files].sort((a, b) => b.size - a.size);
    return { data, target };
  }
  const names = files.map((f) => f.name).join(', ');
  return `choose one data file, or two for a Matrix Market X (.mtx) and its target file (one number per line); got ${files.length} files: ${names}`;
}
