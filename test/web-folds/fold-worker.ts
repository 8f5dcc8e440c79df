// A fold worker for the Web Worker runner test.
import { serveFolds } from '../../src/cv/web-workers.js';

serveFolds(self as unknown as Worker);
