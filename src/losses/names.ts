// The names of the losses (DESIGN §1), in the losses' own folder: the registry and each loss
// name themselves by it, and src/problem/types.ts passes it on to the public types, so that the
// losses import nothing from src/problem (which sits above them: validate looks losses up).

export type LossName = 'squared' | 'logistic' | 'poisson' | 'huber' | 'absolute' | 'quantile';
