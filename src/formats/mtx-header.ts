// The banner and size line of a Matrix Market file: `%%MatrixMarket matrix coordinate|array
// real|integer|pattern general|symmetric|skew-symmetric`, then `rows cols [entries]`.

import { InputError, show } from '../errors.js';

export interface MtxHeader {
  layout: 'coordinate' | 'array';
  /** pattern: entries without values, each a 1. */
  field: 'real' | 'integer' | 'pattern';
  symmetry: 'general' | 'symmetric' | 'skew-symmetric';
  nRows: number;
  nCols: number;
  /** Entries the file holds: as announced (coordinate), or nRows·nCols (array). */
  nEntries: number;
}

const BANNER = '%%MatrixMarket matrix coordinate real general';

/** The banner's words (line 1), checked. */
export function mtxBanner(line: string, path: string): Pick<MtxHeader, 'layout' | 'field' | 'symmetry'> {
  const words = line.trim().toLowerCase().split(/\s+/);
  if (words[0] !== '%%matrixmarket' || words[1] !== 'matrix' || words.length !== 5) {
    throw new InputError(`${path}: line 1: not a Matrix Market banner (such as ${show(BANNER)}): ${show(line.slice(0, 80))}`);
  }
  const [, , layout, field, symmetry] = words;
  if (layout !== 'coordinate' && layout !== 'array') throw new InputError(`${path}: line 1: format ${show(layout)} is not coordinate or array`);
  if (field === 'complex' || symmetry === 'hermitian') throw new InputError(`${path}: line 1: complex matrices are not supported`);
  if (field !== 'real' && field !== 'integer' && field !== 'pattern') throw new InputError(`${path}: line 1: field ${show(field)} is not real, integer or pattern`);
  if (symmetry !== 'general' && symmetry !== 'symmetric' && symmetry !== 'skew-symmetric') {
    throw new InputError(`${path}: line 1: symmetry ${show(symmetry)} is not general, symmetric or skew-symmetric`);
  }
  if (layout === 'array' && (field === 'pattern' || symmetry !== 'general')) {
    throw new InputError(`${path}: line 1: an array matrix must be real or integer and general`);
  }
  return { layout, field, symmetry };
}

/** The size line after the banner and comments. */
export function mtxSize(line: string, banner: Pick<MtxHeader, 'layout' | 'field' | 'symmetry'>, where: string): MtxHeader {
  const words = line.trim().split(/\s+/);
  const expected = banner.layout === 'coordinate' ? 3 : 2;
  if (words.length !== expected || !words.every((word) => /^\d+$/.test(word))) {
    const form = banner.layout === 'coordinate' ? 'rows columns entries' : 'rows columns';
    throw new InputError(`${where}: size line ${show(line.trim())} is not "${form}" (non-negative integers)`);
  }
  const [nRows, nCols] = [Number(words[0]), Number(words[1])];
  if (nRows === 0 || nCols === 0) throw new InputError(`${where}: the matrix is empty (${nRows} × ${nCols})`);
  if (banner.symmetry !== 'general' && nRows !== nCols) throw new InputError(`${where}: a ${banner.symmetry} matrix must be square, not ${nRows} × ${nCols}`);
  const nEntries = banner.layout === 'coordinate' ? Number(words[2]) : nRows * nCols;
  return { ...banner, nRows, nCols, nEntries };
}
