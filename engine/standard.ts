/**
 * The notebook language with its whole library, and what runs notebooks: the core builtins plus
 * the plots and teaching panels, which register themselves here because the language sits below
 * them and cannot import them. The worker, the CLI and tests load this.
 */
import { registerBuiltins } from './language/builtins.ts'
import './language/julia/index.ts'
import { registerPythonMembers } from './language/python/index.ts'
import { juliaPanelBuiltins, panelBuiltins } from './panels/index.ts'
import { registerOverlay } from './language/overlays.ts'
import { plotBuiltins } from './plots/plots.ts'
import { PYTHON_CHECKS } from './panels/derivativeCheckPython.ts'
import { showSumTrapPython } from './panels/sumtrap.ts'
import { PRINTING_BUILTINS } from './language/printing.ts'

registerBuiltins(plotBuiltins())
registerBuiltins(panelBuiltins())
registerOverlay(
  'julia',
  juliaPanelBuiltins().map((f) => [f.name, f] as const),
)
// print and println in ad cells too (show, display and @show are Julia's: its overlay has them).
registerBuiltins(PRINTING_BUILTINS.filter((f) => f.name === 'print' || f.name === 'println'))
// Python's derivative checks (jax.test_util.check_grads, torch.autograd.gradcheck).
for (const [path, members] of PYTHON_CHECKS) registerPythonMembers(path, members)
// The sum-trap panel in a Python cell names jax.grad and jax.jacrev, not the ad cells' calls.
registerOverlay('python', [['show_sum_trap', showSumTrapPython]])

export * from './language/values.ts'
export * from './language/errors.ts'
export * from './language/format.ts'
export { Scope, evaluate } from './language/interpreter.ts'
export { parseStatement } from './language/frontends/ad.ts'
export { BUILTINS, CONSTANTS } from './language/builtins.ts'
export { splitStatements } from './language/statements.ts'
export { analyzeCell } from './language/analysis.ts'
export type { CellAnalysis } from './language/analysis.ts'
export type { SliderSpec } from './language/sliders.ts'
export * from './notebook/run.ts'
export { ReactiveNotebook } from './notebook/reactive.ts'
export type { CellInput } from './notebook/reactive.ts'
export * from './course/check.ts'
export * from './output/display.ts'
