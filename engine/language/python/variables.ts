/**
 * TensorFlow's Variables and a tape's watched inputs: values tape.gradient finds by identity, so
 * a Python list of them stays a list (`tape.gradient(loss, [w, b])` with scalar Variables)
 * instead of becoming one new array, as a list of plain numbers does.
 */
import type { Value } from '../../ad/value.ts'

/** The tensors made by tf.Variable (trainable): a tape watches them without being asked. */
export const VARIABLES = new WeakSet<Value>()
/** The inputs tapes made for watched values. */
export const WATCHED = new WeakSet<Value>()

export const keptInLists = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && (VARIABLES.has(v as Value) || WATCHED.has(v as Value))
