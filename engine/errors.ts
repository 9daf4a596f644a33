/**
 * Errors that teach. Every error the engine raises says what went wrong, where, and (when there
 * is one) what to do instead; the notebook shows the message as it is.
 */

export class EngineError extends Error {
  override name = 'EngineError'
}

/** Operands whose shapes do not fit the operation. The message names the operation and both shapes. */
export class ShapeError extends EngineError {
  override name = 'ShapeError'
}

/** A result that is undefined or infinite for finite inputs: log(-1), 0/0, 1/0, exp overflow. */
export class DomainError extends EngineError {
  override name = 'DomainError'
}

/** A transform used on a function it does not apply to, e.g. gradient of a vector output. */
export class TransformError extends EngineError {
  override name = 'TransformError'
}

/**
 * A transform that needs a function with a single-number output (gradient, hessian) got one
 * whose output has this shape. The language rewrites the message in the learner's own names
 * at the call site (language/teaching.ts), so it is recognised by its class, not its words.
 */
export class NonScalarOutputError extends TransformError {
  override name = 'NonScalarOutputError'
  constructor(
    message: string,
    readonly transform: string,
    readonly shape: readonly number[],
  ) {
    super(message)
  }
}

/** Wrong argument types or values passed to a builtin. */
export class ArgumentError extends EngineError {
  override name = 'ArgumentError'
}

/**
 * Work refused because it would exceed a resource limit (a tensor too large to allocate, too many
 * passes, a runaway loop). The message gives the size asked for, the limit, and what to do instead.
 */
export class LimitError extends EngineError {
  override name = 'LimitError'
  /** The same kind the language's own limit errors carry (LangError), so callers test one field. */
  readonly kind = 'limit'
}

/** Adds where an error happened ("while differentiating sqrt") without losing its kind. */
export function withContext(err: unknown, context: string): unknown {
  if (err instanceof EngineError && !err.message.includes(context)) {
    err.message = `${err.message} (${context})`
  }
  return err
}
