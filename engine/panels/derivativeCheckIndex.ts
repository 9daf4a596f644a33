/**
 * How an entry of a checked Jacobian is named, for the verdict, the table and the heatmap alike.
 * The Jacobian of f with respect to an argument is length(y) × length(x): entry (i, j) is the
 * derivative of the i-th entry of y by the j-th entry of x, where "i-th" counts in the cell
 * language's order (Julia's vec: column-major; ad cells: row-major) from its base (1 in Julia and
 * ad cells; 0 for Python later). Imports nothing, so the page can use it without the engine.
 */

/** The cell language's conventions: where counting starts, and how an array is laid out in a line. */
export interface IndexConvention {
  base: 0 | 1
  order: 'column' | 'row'
}

export const JULIA_INDEXING: IndexConvention = { base: 1, order: 'column' }
export const AD_INDEXING: IndexConvention = { base: 1, order: 'row' }

/** The multi-index of the k-th entry (counted from 0) of an array of this shape, in the convention's base. */
export function multiIndex(shape: readonly number[], k: number, c: IndexConvention): number[] {
  const out = new Array<number>(shape.length).fill(0)
  let rest = k
  const dims = shape.map((_, d) => d)
  for (const d of c.order === 'column' ? dims : dims.reverse()) {
    out[d] = (rest % shape[d]!) + c.base
    rest = Math.floor(rest / shape[d]!)
  }
  return out
}

/** The name of y's entry, as the cell would index it: y[2], y[1,3], or y for a number. */
export function entryName(name: string, shape: readonly number[], k: number, c: IndexConvention): string {
  return shape.length === 0 ? name : `${name}[${multiIndex(shape, k, c).join(',')}]`
}

/** What the checks say the derivative is of. */
export interface BlockNames {
  /** The function, as in ∂f/∂x. */
  fn: string
  /** The argument. */
  arg: string
  yShape: readonly number[]
  xShape: readonly number[]
}

/** "∂f/∂x" for the block. */
export const blockName = (b: BlockNames): string => `∂${b.fn}/∂${b.arg}`

/**
 * Entry (i, j) of the block in words: "entry (2,3) of ∂f/∂x", "entry 3 of ∂f/∂x" for a row or a
 * column, "∂f/∂x" for numbers; a matrix y or x adds which entries they are: "(∂f[1,2]/∂X[2,1])".
 */
export function entryLabel(b: BlockNames, i: number, j: number, c: IndexConvention): string {
  const m = b.yShape.reduce((p, n) => p * n, 1)
  const n = b.xShape.reduce((p, k) => p * k, 1)
  const whole = blockName(b)
  const at =
    m === 1 && n === 1
      ? whole
      : m === 1
        ? `entry ${j + c.base} of ${whole}`
        : n === 1
          ? `entry ${i + c.base} of ${whole}`
          : `entry (${i + c.base},${j + c.base}) of ${whole}`
  if (b.yShape.length < 2 && b.xShape.length < 2) return at
  return `${at} (∂${entryName(b.fn, b.yShape, i, c)}/∂${entryName(b.arg, b.xShape, j, c)})`
}
