// Reading a loss parameter's value: the one given, else the parameter's default.

import type { LossParamSpec, LossParams } from './types.js';

export function paramValue(param: LossParamSpec, params: LossParams): number {
  return params[param.key] ?? param.default;
}
