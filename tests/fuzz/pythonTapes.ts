/**
 * fast-check arbitraries for TensorFlow cells: `with tf.GradientTape(...) as tape:` blocks with
 * random bodies (smooth or not, of constants and Variables of random shapes), persistent or not,
 * nested two deep, with watch, gradient (of sources given as one tensor, a tuple, a list, a
 * dict), jacobian, output_gradients and unconnected_gradients, and the tape used wrongly (twice,
 * inside its own block, on a value it did not record).
 */
import fc from 'fast-check'

const VALUES = [
  'tf.constant(1.5)',
  'tf.constant([0., 1., 2.])',
  'tf.constant([[1., 2.], [3., 4.]])',
  'tf.Variable([1., -1.])',
  'tf.Variable(2.)',
  'tf.Variable([[0.5], [2.]])',
  'tf.ones((2, 3))',
  'tf.zeros(0)',
  'tf.constant([])',
]

const BODIES = [
  'tf.reduce_sum(x ** 2)',
  'tf.reduce_sum(tf.square(x) * w)',
  'x * w',
  'tf.reduce_mean(tf.exp(x), axis=0)',
  'tf.sin(x) + tf.cos(w)',
  'tf.matmul(tf.reshape(x, (1, -1)), tf.reshape(x, (-1, 1)))',
  'tf.linalg.matvec(A, x)',
  'tf.reduce_sum(tf.tanh(x)) * tf.reduce_sum(w)',
  'x.sum() if False else tf.reduce_sum(x)',
  'tf.math.log(x)',
  'tf.sqrt(tf.reduce_sum(x * x))',
  'x[0] * w',
  'x[::-1]',
  '3.',
]

const SOURCES = ['x', 'w', '(x, w)', '[x, w]', '{"x": x, "w": w}', 'A', 'y', '[x]', '3.']

const TAPE_ARGS = [
  '',
  'persistent=True',
  'watch_accessed_variables=False',
  'persistent=True, watch_accessed_variables=False',
]

const AFTER = [
  'tape.gradient(y, SRC)',
  'tape.gradient(y, SRC, output_gradients=tf.ones_like(y))',
  'tape.gradient(y, SRC, unconnected_gradients=tf.UnconnectedGradients.ZERO)',
  'tape.jacobian(y, SRC)',
  'tape.gradient(y, SRC)\ntape.gradient(y, SRC)',
  'tape.gradient(tape.gradient(y, x), x)',
  'tf.gradients(y, SRC)',
]

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs)

/** One tape block (possibly an outer one around it), then what is asked of it. */
export const pythonTapes: fc.Arbitrary<string> = fc
  .tuple(
    pick(VALUES),
    pick(VALUES),
    pick(BODIES),
    pick(TAPE_ARGS),
    fc.boolean(),
    fc.boolean(),
    pick(AFTER),
    pick(SOURCES),
  )
  .map(([xv, wv, body, args, watch, nested, after, source]) => {
    const inner = [`with tf.GradientTape(${args}) as tape:`, ...(watch ? ['    tape.watch(x)'] : []), `    y = ${body}`]
    const block = nested
      ? [
          'with tf.GradientTape(persistent=True) as outer:',
          '    outer.watch(x)',
          ...inner.map((l) => `    ${l}`),
          `    g = tape.gradient(y, ${source})`,
          `outer.gradient(g, x)`,
        ]
      : [...inner, after.replace(/SRC/g, source)]
    return [
      'import tensorflow as tf',
      `x = ${xv}`,
      `w = ${wv}`,
      'A = tf.constant([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])',
      ...block,
    ].join('\n')
  })
