// The bundled datasets: files shipped with the page (emitted as static assets by Vite, so the
// site works offline) and read through the same CSV worker as a user's file.

import diabetesUrl from '../../../data/diabetes.csv?url';
import logisticUrl from '../datasets/logistic.csv?url';
import type { LossName } from '../../problem/types.js';

export interface BundledDataset {
  id: string;
  file: string;
  url: string;
  title: string;
  /** The loss the data are meant for, chosen with the dataset. */
  loss: LossName;
  target: string;
}

export const BUNDLED: BundledDataset[] = [
  { id: 'diabetes', file: 'diabetes.csv', url: diabetesUrl, title: 'Diabetes (regression)', loss: 'squared', target: 'y' },
  { id: 'logistic', file: 'logistic.csv', url: logisticUrl, title: 'Classification (logistic)', loss: 'logistic', target: 'y' },
];

export async function fetchBundled(dataset: BundledDataset): Promise<Blob> {
  const response = await fetch(dataset.url);
  if (!response.ok) throw new Error(`${dataset.file}: could not load the bundled file (HTTP ${response.status})`);
  return response.blob();
}
