/**
 * The corpus's oracles, in plain JavaScript arithmetic (never the engine): small matrix helpers
 * for the closed forms, and central differences for the rest.
 */
export type Expected = number | boolean | string | Expected[] | { [k: string]: Expected }

export const A = [
  [0, 3, 2],
  [1, 0, 3],
  [2, 1, 0],
]
export const X1 = [0, 1, 2]

export const matvec = (M: number[][], v: number[]) => M.map((row) => row.reduce((s, m, j) => s + m * v[j]!, 0))
export const transpose = (M: number[][]) => M[0]!.map((_, j) => M.map((row) => row[j]!))
export const matmul = (P: number[][], Q: number[][]) => P.map((row) => transpose(Q).map((col) => dot(row, col)))
export const dot = (u: number[], v: number[]) => u.reduce((s, x, i) => s + x * v[i]!, 0)
export const scale = (k: number, v: number[]) => v.map((x) => k * x)
export const flat = (M: number[][]) => M.flat()
export const diag = (v: number[]) => v.map((x, i) => v.map((_, j) => (i === j ? x : 0)))
export const sum = (v: number[]) => v.reduce((s, x) => s + x, 0)

/** The seed's f(x) = Σ(Ax)², its gradient 2AᵀAx and Hessian 2AᵀA. */
export const seedF = (x: number[]) => sum(matvec(A, x).map((y) => y * y))
export const seedGrad = (x: number[]) => scale(2, matvec(transpose(A), matvec(A, x)))
export const seedH = matmul(transpose(A), A).map((row) => scale(2, row))

const H = 1e-5

/** ∂f/∂xᵢ by central differences. */
export function fd(f: (x: number[]) => number, x: number[]): number[] {
  return x.map((_, i) => {
    const up = [...x]
    const down = [...x]
    up[i]! += H
    down[i]! -= H
    return (f(up) - f(down)) / (2 * H)
  })
}

/** d/dt f(t) by central differences. */
export const fd1 = (f: (t: number) => number, t: number) => (f(t + H) - f(t - H)) / (2 * H)

/** The Jacobian of F by central differences, row by row (∂Fᵢ/∂xⱼ). */
export function fdJacobian(F: (x: number[]) => number[], x: number[]): number[][] {
  const columns = x.map((_, j) => {
    const up = [...x]
    const down = [...x]
    up[j]! += H
    down[j]! -= H
    const a = F(up)
    const b = F(down)
    return a.map((y, i) => (y - b[i]!) / (2 * H))
  })
  return transpose(columns)
}

export const sigmoid = (t: number) => 1 / (1 + Math.exp(-t))
export const softmax = (v: number[]) => {
  const m = Math.max(...v)
  const e = v.map((x) => Math.exp(x - m))
  return scale(1 / sum(e), e)
}
