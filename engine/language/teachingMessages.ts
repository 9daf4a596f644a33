/**
 * The words of the teaching messages (teaching.ts decides when one applies): what went wrong,
 * and the calls that work, written with the learner's own names in the cell's language.
 */
import { describeShape } from '../tensor/tensor.ts'
import type { Dialect } from './syntax/tree.ts'

/** The language a suggestion is written in: the cell's. */
export type TeachingLanguage = 'ad' | Dialect

/**
 * What a teaching error is about, with the learner's texts as they can be typed where the
 * error is reported. Another part of the language (a Julia overlay) may throw a TeachingError
 * with one of these; a transform below the language throws NonScalarOutputError (engine/errors.ts)
 * and the call site turns it into this.
 */
export type Teaching =
  | {
      kind: 'non-scalar-output'
      /** The transform as written: `gradient`, `Zygote.gradient`, `hessian`. */
      transform: string
      /** The function whose output is not a number (seen through `x_ -> g(x_)`), and the point. */
      fn: string
      point: string
      shape: readonly number[]
      /** fn is itself the gradient of this function (the thread's g): its Jacobian is that one's Hessian. */
      gradientOf?: string
    }
  | { kind: 'missing-point'; transform: string; fn: string }
  | { kind: 'gradient-of-gradient'; outer: string; transform: string; fn: string; point: string }
  /** derivative(derivative(f), x): the second derivative. */
  | { kind: 'second-derivative'; transform: string; fn: string; point: string }
  /** gradient(f)(x), as JAX writes grad(f)(x): the point goes in the same call. */
  | { kind: 'curried'; transform: string; fn: string; point: string }
  /** A Julia function the notebook does not have (push!, reduce ...): why, and what to write instead. */
  | { kind: 'not-supported'; name: string; why: string; instead?: string }

// -----------------------------------------------------------------------------------------------
// Messages

const SUFFIX = { gradient: 'gradient', jacobian: 'jacobian', hessian: 'hessian' }

/** `Zygote.gradient` -> `Zygote.jacobian`: the learner's spelling with another transform. */
function sibling(transform: string, name: keyof typeof SUFFIX): string {
  const dot = transform.lastIndexOf('.')
  return dot < 0 ? SUFFIX[name] : `${transform.slice(0, dot + 1)}${SUFFIX[name]}`
}

/** Zygote's gradient and jacobian return tuples (`[1]` takes the array); ForwardDiff's and ad's arrays. */
function first(language: TeachingLanguage, transform: string): string {
  const tuple = /(^|\.)(gradient|jacobian)$/.test(transform) && !transform.startsWith('ForwardDiff.')
  return language === 'julia' && tuple ? '[1]' : ''
}

const SHORT: Record<string, string> = { gradient: 'grad', jacobian: 'jac', hessian: 'hess', derivative: 'deriv' }

/** A parameter name not used in any of the texts. */
function fresh(...texts: string[]): string {
  const used = new Set(texts.flatMap((t) => t.match(/[\p{L}_][\p{L}\p{N}_!]*/gu) ?? []))
  return ['x', 'y', 'z', 'u', 'v', 'w'].find((n) => !used.has(n)) ?? 'x_'
}

/** The gradient of fn as a function, in the cell's language. */
function gradientFunction(language: TeachingLanguage, transform: string, fn: string, ...also: string[]): string {
  const x = fresh(fn, ...also)
  const call = `${transform}(${fn}, ${x})${first(language, transform)}`
  if (language !== 'ad') return `${x} -> ${call}`
  // ad has no anonymous functions: a definition, named after what it computes (grad_f).
  const short = SHORT[transform.slice(transform.lastIndexOf('.') + 1)] ?? 'd'
  return `${short}_${/^[\p{L}_][\p{L}\p{N}_]*$/u.test(fn) ? fn : 'f'}(${x}) = ${call}`
}

export function teachingMessage(
  t: Teaching,
  language: TeachingLanguage,
  frame: string | null,
): { message: string; suggestions: string[] } {
  const code = (s: string) => s // suggestions are quoted as typed; the app shows them as text
  const inFrame = frame === null ? '' : ` (write it inside ${frame}, where these names are defined)`
  switch (t.kind) {
    case 'non-scalar-output': {
      const shape = describeShape(t.shape)
      const jacobianOf = sibling(t.transform, 'jacobian')
      const jacobian = `${jacobianOf}(${t.fn}, ${t.point})${first(language, jacobianOf)}`
      const isHessian = /hessian/.test(t.transform)
      if (isHessian) {
        return {
          message:
            `${t.transform} needs a function with a scalar output, but ${t.fn} returns a ${shape}%WHERE%. ` +
            `A Hessian is the Jacobian of a gradient, and only a single number has a gradient. ` +
            `The Jacobian of ${t.fn} is ${code(jacobian)}${inFrame}.`,
          suggestions: [jacobian],
        }
      }
      const tf = `tf_gradients(${t.fn}, ${t.point})`
      const hessian = t.gradientOf ? `${sibling(t.transform, 'hessian')}(${t.gradientOf}, ${t.point})` : null
      const isTheHessian = hessian
        ? ` ${t.fn} is itself the gradient of ${t.gradientOf}, so this Jacobian is the Hessian of ${t.gradientOf}: ${code(hessian)}.`
        : ''
      return {
        message:
          `${t.transform} needs a function with a scalar output, but ${t.fn} returns a ${shape}%WHERE%. ` +
          `Only a single number has a gradient; a ${shape} has a Jacobian, the matrix whose rows are the gradients of its entries: ` +
          `${code(jacobian)}${inFrame}.${isTheHessian} A pullback gives one combination vᵀJ of those rows without forming the matrix. ` +
          `(TensorFlow's tf.gradients would not complain: it silently returns the gradient of the sum of the outputs, which is ${code(tf)} here.)`,
        suggestions: hessian ? [jacobian, tf, hessian] : [jacobian, tf],
      }
    }
    case 'missing-point': {
      const point = `${t.transform}(${t.fn}, x)${first(language, t.transform)}`
      const fn = gradientFunction(language, t.transform, t.fn)
      return {
        message:
          `${t.transform}(${t.fn}) needs a point: ${point} is the ${SUFFIX_WORD(t.transform)} of ${t.fn} at the point x. ` +
          `For the ${SUFFIX_WORD(t.transform)} as a function of the point, write ${code(fn)}${inFrame}.`,
        suggestions: [fn],
      }
    }
    case 'not-supported':
      return {
        message: `${t.name} is not part of the notebook's Julia: ${t.why}.${t.instead ? ` Write ${code(t.instead)}${inFrame}.` : ''}`,
        suggestions: t.instead ? [t.instead] : [],
      }
    case 'second-derivative': {
      const second = `${t.transform}(${gradientFunction(language, t.transform, t.fn, t.point)}, ${t.point})`
      return {
        message:
          `${t.transform}(${t.fn}) needs a point, as in ${t.transform}(${t.fn}, ${t.point}). ` +
          `The derivative of the derivative is the second derivative of ${t.fn}: ${code(second)}${inFrame}.`,
        suggestions: [second],
      }
    }
    case 'curried': {
      const call = `${t.transform}(${t.fn}, ${t.point})${first(language, t.transform)}`
      return {
        message:
          `${t.transform}(${t.fn}) needs a point: ${t.transform}(${t.fn})(${t.point}) is how JAX writes it (grad(f)(x)); ` +
          `here the point goes in the same call: ${code(call)}${inFrame}.`,
        suggestions: [call],
      }
    }
    case 'gradient-of-gradient': {
      const inner = gradientFunction(language, t.transform, t.fn, t.point)
      const jacobianOf = sibling(t.outer, 'jacobian')
      const jacobian = `${jacobianOf}(${inner}, ${t.point})${first(language, jacobianOf)}`
      const hessian = `${sibling(t.outer, 'hessian')}(${t.fn}, ${t.point})`
      return {
        message:
          `${t.transform}(${t.fn}) needs a point, as in ${t.transform}(${t.fn}, ${t.point}). ` +
          `The gradient of a gradient is the Jacobian of the gradient, which is the Hessian of ${t.fn}: ` +
          `${code(jacobian)}, or directly ${code(hessian)}${inFrame}.`,
        suggestions: [jacobian, hessian],
      }
    }
  }
}

function SUFFIX_WORD(transform: string): string {
  const name = transform.slice(transform.lastIndexOf('.') + 1)
  return name === 'derivative' ? 'derivative' : name
}
