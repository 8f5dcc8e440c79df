// A fold worker of the page's cross-validation: the fit worker spawns a few (hosts/web-workers.ts)
// and each fits the folds it is handed.

import { serveFolds } from '../../hosts/web-workers.js';

serveFolds(self as unknown as Worker);
