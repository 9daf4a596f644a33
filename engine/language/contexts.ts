/**
 * Python's `with` block: a context (TensorFlow's GradientTape) held open across the statements of
 * its body. The libraries register what may stand after `with`; the interpreter calls withBlock.
 */
import { destructure } from './control.ts'
import { LangError } from './errors.ts'
import type { Scope } from './scope.ts'
import type { Expr, With } from './syntax/tree.ts'
import type { LangValue } from './values.ts'
import { describe } from './values.ts'

/** Runs the body with the context open, in the scope of the with statement; undefined if v is no context. */
type Opener = (v: LangValue) => ((scope: Scope, body: () => void) => void) | undefined

const openers: Opener[] = []

export function registerContext(opener: Opener): void {
  openers.push(opener)
}

export function withBlock(node: With, scope: Scope, run: (e: Expr, s: Scope) => LangValue): LangValue {
  const context = run(node.context, scope)
  const open = openers.map((o) => o(context)).find((o) => o !== undefined)
  if (open === undefined)
    throw new LangError(
      `with works here on a tf.GradientTape() only, as in with tf.GradientTape() as tape:, but got ${describe(context)}`,
    )
  if (node.target !== null) destructure(node.target, context, (name, v) => scope.assign(name, v))
  open(scope, () => run(node.body, scope))
  return undefined
}
