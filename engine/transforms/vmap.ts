/**
 * vmap: f mapped over a batch in one run. The examples are stacked along a leading axis; f sees
 * one example (a Batched box of the batching level), and every primitive it applies runs once on
 * the whole stack by its batch rule. vmap(v -> jvp(f, x, v), E) pushes all the directions in E
 * through one primal computation: that is jacfwd's chunk.
 */
import { Batched } from '../ad/batching.ts'
import type { Value } from '../ad/value.ts'
import { newLevel, runningAt } from '../ad/value.ts'
import { ArgumentError } from '../errors.ts'
import '../ops/batchRules.ts'
import { stretch } from '../ops/index.ts'
import { describeShape } from '../tensor/tensor.ts'

/**
 * f applied to each of `args`' examples at once. inAxes[i] is 0 when argument i is stacked
 * along its first axis, null when it is the same for every example (JAX's in_axes). The result
 * is stacked along its first axis.
 */
export function vmap(f: (...xs: Value[]) => Value, args: readonly Value[], inAxes?: readonly (0 | null)[]): Value {
  const axes = inAxes ?? args.map(() => 0 as const)
  let size = -1
  args.forEach((a, i) => {
    if (axes[i] === null) return
    if (a.shape.length === 0)
      throw new ArgumentError(`vmap: argument ${i + 1} is a number, which has no axis to map over`)
    if (size === -1) size = a.shape[0]!
    else if (a.shape[0] !== size) {
      throw new ArgumentError(
        `vmap: the mapped arguments disagree on the batch size: argument ${i + 1} is a ${describeShape(a.shape)}, whose first axis has ${a.shape[0]}, not ${size}`,
      )
    }
  })
  if (size === -1) throw new ArgumentError('vmap: no argument is mapped (every in_axes entry is None)')
  if (size === 0) throw new ArgumentError('vmap: the batch is empty (its first axis has length 0)')
  const level = newLevel()
  const xs = args.map((a, i) => (axes[i] === null ? a : new Batched(a, size, level)))
  const y = runningAt(level, () => f(...xs))
  if (y instanceof Batched && y.level === level) return y.stacked
  // f's result did not depend on the batch: the same value for every example.
  return stretch(y, [size, ...y.shape], 'right')
}
