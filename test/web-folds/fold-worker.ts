// A fold worker for the Web Worker runner test.
import { serveFolds } from '../../src/hosts/web-workers.js';

serveFolds(self as unknown as Worker);
