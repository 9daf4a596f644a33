/**
 * More of TensorFlow's array functions, by their names: tf.reshape (one size may be -1),
 * tf.transpose, tf.ones_like and tf.zeros_like, and the dtype names examples pass along.
 */
import * as ops from '../../ops/index.ts'
import { scalar } from '../../tensor/tensor.ts'
import { builtin } from '../args.ts'
import type { LangValue } from '../values.ts'
import { tensorOperand } from '../values.ts'
import { reshaped } from './numpy.ts'

export { TF_ELEMENTWISE } from './elementwise.ts'
export { TF_LINALG, module } from './arrays.ts'
import { NUMPY_MEMBERS } from './numpy.ts'
import { TF_MORE, TF_NN } from './arrays.ts'

const numpy = (name: string): LangValue => NUMPY_MEMBERS.find(([n]) => n === name)![1]

const like = (name: string, k: number) =>
  builtin(`tf.${name}`, ['input'], ([x]) => {
    const t = tensorOperand(x, `tf.${name}`)
    return ops.fill(scalar(k), t.shape)
  })

export const TENSORFLOW_ARRAYS: [string, LangValue][] = [
  [
    'reshape',
    builtin('tf.reshape', ['tensor', 'shape'], ([x, s]) => reshaped(tensorOperand(x, 'tf.reshape'), s, 'tf.reshape')),
  ],
  ['transpose', builtin('tf.transpose', ['a'], ([x]) => ops.reverseAxes(tensorOperand(x, 'tf.transpose')))],
  ['ones_like', like('ones_like', 1)],
  ['zeros_like', like('zeros_like', 0)],
  ['nn', TF_NN],
  ['concat', numpy('concatenate')],
  ['stack', numpy('stack')],
  ['reduce_max', numpy('max')],
  ['reduce_min', numpy('min')],
  ...TF_MORE,
  ['float32', 'tf.float32'],
  ['float64', 'tf.float64'],
]
