/**
 * The peer engines, set up for the same three problems: TensorFlow.js (CPU backend, float32
 * only, tf.grad) and jax-js (Wasm backend, jit(grad(f)), in float64 like the engine and in
 * float32, its default).
 *
 * Both are loaded with dynamic imports: jax-js needs two shims in place before it is evaluated
 * on Node 20, and loading them late lets the bench route their console output to stderr first.
 *
 * Memory: tfjs tensors made per call are released with tf.tidy / dispose; jax-js arrays are
 * reference-counted and every call passes x.ref (a new reference) so x itself stays alive.
 * Each peer reports the numbers needed to check that nothing leaked.
 */
import type { Array as JaxArray, DType } from '@jax-js/jax'
import type { ProblemData, ProblemId } from './problems.ts'

type Tf = typeof import('@tensorflow/tfjs')
type Jax = typeof import('@jax-js/jax')
type TfTensor = import('@tensorflow/tfjs').Tensor

/** One peer's version of one problem at one n. */
export interface PeerProblem {
  /** f(x), as a number (float64 of whatever the peer computed). */
  value: () => number
  /** The gradient at x, copied out to JavaScript memory. */
  gradient: () => ArrayLike<number>
  /** Live-memory figures: they must be the same before and after the timing loops. */
  live: () => Record<string, number>
  /** Releases everything; returns what was found not to be released properly (empty: all well). */
  dispose: () => string[]
}

// ---------------------------------------------------------------------------------------------
// TensorFlow.js

let tfModule: Tf | null = null

export async function loadTf(): Promise<Tf> {
  if (tfModule !== null) return tfModule
  const tf = await import('@tensorflow/tfjs')
  // Production mode drops debug checks and the "install tfjs-node" banner.
  tf.enableProdMode()
  await tf.setBackend('cpu')
  await tf.ready()
  tfModule = tf
  return tf
}

export function tfProblem(tf: Tf, id: ProblemId, d: ProblemData): PeerProblem {
  const n = d.n
  const M = d.matrix ? tf.tensor2d(Float32Array.from(d.matrix), [n, n], 'float32') : null
  const x = tf.tensor1d(Float32Array.from(d.x), 'float32')
  let f: (x: TfTensor) => TfTensor
  switch (id) {
    case 'quadratic':
      f = (x) => tf.sum(tf.square(tf.matMul(M!, tf.reshape(x, [n, 1]))))
      break
    case 'tanh-layer':
      f = (x) => tf.sum(tf.square(tf.tanh(tf.matMul(M!, tf.reshape(x, [n, 1])))))
      break
    case 'rosenbrock':
      f = (x) => {
        const x2 = tf.slice(x, [1], [n - 1])
        const x1 = tf.slice(x, [0], [n - 1])
        const a = tf.sub(x2, tf.square(x1))
        const b = tf.sub(1, x1)
        return tf.sum(tf.add(tf.mul(100, tf.square(a)), tf.square(b)))
      }
      break
  }
  const g = tf.grad(f)
  return {
    value: () => {
      const y = tf.tidy(() => f(x))
      const v = y.dataSync()[0]!
      y.dispose()
      return v
    },
    gradient: () => {
      const gx = tf.tidy(() => g(x))
      const data = gx.dataSync() as Float32Array
      gx.dispose()
      return data
    },
    live: () => ({ tensors: tf.memory().numTensors, bytes: tf.memory().numBytes }),
    dispose: () => {
      M?.dispose()
      x.dispose()
      return []
    },
  }
}

// ---------------------------------------------------------------------------------------------
// jax-js

let jaxModule: Jax | null = null

export async function loadJax(): Promise<Jax> {
  if (jaxModule !== null) return jaxModule
  const g = globalThis as unknown as { navigator?: object; Float16Array?: unknown }
  g.navigator ??= {}
  g.Float16Array ??= class extends Float32Array {}
  const jax = await import('@jax-js/jax')
  await jax.init('wasm')
  jax.defaultDevice('wasm')
  jaxModule = jax
  return jax
}

export type JaxDtype = 'float64' | 'float32'

export function jaxProblem(jax: Jax, id: ProblemId, d: ProblemData, dtypeName: JaxDtype): PeerProblem {
  const np = jax.numpy
  const n = d.n
  const dtype: DType = dtypeName === 'float64' ? np.float64 : np.float32
  const buf = (a: Float64Array) => (dtypeName === 'float64' ? Float64Array.from(a) : Float32Array.from(a))
  const M = d.matrix ? np.array(buf(d.matrix), { dtype }).reshape([n, n]) : null
  const x = np.array(buf(d.x), { dtype })
  let f: (x: JaxArray) => JaxArray
  // Every function consumes its argument exactly once and takes a new reference to M.
  switch (id) {
    case 'quadratic':
      f = (x) => np.square(np.matmul(M!.ref, x)).sum()
      break
    case 'tanh-layer':
      f = (x) => np.square(np.tanh(np.matmul(M!.ref, x))).sum()
      break
    case 'rosenbrock':
      f = (x) => {
        const x2 = x.ref.slice([1, n])
        const x1 = x.slice([0, n - 1])
        const a = x2.sub(np.square(x1.ref))
        const b = np.subtract(1, x1)
        return np.square(a).mul(100).add(np.square(b)).sum()
      }
      break
  }
  const fj = jax.jit(f)
  const gj = jax.jit(jax.grad(f))
  return {
    // dataSync realises the result and releases it.
    value: () => fj(x.ref).dataSync()[0]!,
    gradient: () => gj(x.ref).dataSync(),
    live: () => ({ xRefCount: x.refCount, matrixRefCount: M?.refCount ?? 0 }),
    dispose: () => {
      // The compiled functions hold references to M as a constant; disposing them must give
      // them back, leaving exactly our own reference to M and to x.
      fj.dispose()
      gj.dispose()
      const problems: string[] = []
      if (M !== null && M.refCount !== 1) problems.push(`matrix reference count ${M.refCount} after disposing jit`)
      if (x.refCount !== 1) problems.push(`x reference count ${x.refCount} after timing`)
      M?.dispose()
      x.dispose()
      return problems
    },
  }
}
