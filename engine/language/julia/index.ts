/**
 * The Julia overlay: what a bare name means in a Julia cell where Julia differs from the core
 * table (engine/language/overlays.ts looks here first, then in the core builtins), as after
 * `using Zygote, ForwardDiff, LinearAlgebra`. engine/standard.ts imports this file once.
 */
import { scalar } from '../../tensor/tensor.ts'
import { registerOverlay } from '../overlays.ts'
import { ARRAY_BUILTINS } from './arrays.ts'
import { BASE_BUILTINS } from './base.ts'
import { EVERYDAY_BUILTINS } from './everyday.ts'
import { FOLD_BUILTINS, UNDEF_VALUE } from './folds.ts'
import { MODULES, ZYGOTE_EXPORTS } from './modules.ts'
import { RULE_BUILTINS } from './rules.ts'
import { STRUCT_BUILTINS } from './structs.ts'
import { NUMBER_BUILTINS } from './numbers.ts'
import { forwardDerivative } from './transforms.ts'
import { I } from './uniformScaling.ts'
import { ITERATION_BUILTINS } from './iteration.ts'
import { PRINTING_BUILTINS, SHOW_MACRO, STRING_BUILTIN } from '../printing.ts'

registerOverlay('julia', [
  ...ZYGOTE_EXPORTS,
  // derivative is ForwardDiff's (Zygote has none): f'(x) for a number x.
  ['derivative', forwardDerivative('derivative')],
  ...[
    ...ARRAY_BUILTINS,
    ...NUMBER_BUILTINS,
    ...BASE_BUILTINS,
    ...FOLD_BUILTINS,
    ...EVERYDAY_BUILTINS,
    ...ITERATION_BUILTINS,
    ...PRINTING_BUILTINS,
    ...STRUCT_BUILTINS,
  ].map((f) => [f.name, f] as const),
  ['@show', SHOW_MACRO],
  ['string', STRING_BUILTIN],
  ['I', I],
  ['undef', UNDEF_VALUE],
  // Julia's constants by their own names (pi and Inf are in the core table).
  ['π', scalar(Math.PI)],
  ['ℯ', scalar(Math.E)],
  ['NaN', scalar(NaN)],
  ['Inf64', scalar(Infinity)],
  ['NaN64', scalar(NaN)],
  ...RULE_BUILTINS,
  ...MODULES,
])
