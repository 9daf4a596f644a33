/**
 * What a Julia cell says when it cannot do what was typed: each message names what was wrong
 * and what to write instead, in Julia, and what it suggests is what Zygote and ForwardDiff
 * accept (the suggestions that can run are run).
 */
import { describe, expect, it } from 'vitest'
import { expectJsonClose, julia } from './julia.ts'

const H = [
  [10, 4, 6],
  [4, 20, 12],
  [6, 12, 26],
]

describe('Julia cells: teaching messages', () => {
  it('gradient(gradient(f), x1): gradient(f) needs a point; the Hessian is what was meant, and the suggestions run', () => {
    const s = julia()
    const error = s.error('gradient(gradient(f), x1)')
    expect(error).toMatch(/gradient\(f\) needs a point/)
    expect(error).toContain('jacobian(x -> gradient(f, x)[1], x1)[1]')
    expect(error).toContain('hessian(f, x1)')
    expectJsonClose(s.run('jacobian(x -> gradient(f, x)[1], x1)[1]'), H)
    expectJsonClose(s.run('hessian(f, x1)'), H)
  })

  it("a function named like a transform (the thread's function gradient(f, x) ... end) suggests another name", () => {
    const s = julia()
    const error = s.error('function gradient(f, x)\n  return 2x\nend')
    expect(error).toMatch(/gradient is a built-in function/)
    expect(error).toMatch(/every cell that uses gradient/)
    expect(error).toContain('my_gradient')
    expectJsonClose(s.run('function my_gradient(f, x)\n  return 2x\nend\nmy_gradient(f, 3)'), 6)
  })

  it('the gradient of a vector-valued function points at jacobian(...)[1], which runs', () => {
    const s = julia()
    const error = s.error('gradient(x -> A*x, x1)')
    expect(error).toMatch(/jacobian\(.*x1\)\[1\]/)
    expectJsonClose(s.run('jacobian(x -> A*x, x1)[1]'), [
      [0, 3, 2],
      [1, 0, 3],
      [2, 1, 0],
    ])
  })

  it('ForwardDiff.gradient at a number points at ForwardDiff.derivative; derivative at a vector at gradient', () => {
    const s = julia()
    expect(s.error('ForwardDiff.gradient(sin, 1.0)')).toMatch(/ForwardDiff\.derivative\(f, x\)/)
    expect(s.error('derivative(f, x1)')).toMatch(/ForwardDiff\.gradient\(f, x\)/)
    expect(s.error('ForwardDiff.jacobian(f, x1)')).toMatch(/ForwardDiff\.gradient\(f, x\)/)
  })

  it('ForwardDiff.gradient of a vector-valued function points at ForwardDiff.jacobian, which runs', () => {
    const s = julia()
    expect(s.error('ForwardDiff.gradient(x -> A*x, x1)')).toMatch(/ForwardDiff\.jacobian\(/)
    expectJsonClose(s.run('ForwardDiff.jacobian(x -> A*x, x1)'), [
      [0, 3, 2],
      [1, 0, 3],
      [2, 1, 0],
    ])
  })

  it('I adds only to square matrices, and has no size to broadcast to', () => {
    const s = julia()
    expect(s.error('[1 2 3] + I')).toMatch(/square/)
    expect(s.error('A .+ I')).toMatch(/I has no size.*I\(n\)/)
  })

  it('keywords are named: sum(A; dim = 1) says the keyword is dims', () => {
    expect(julia().error('sum(A; dim = 1)')).toMatch(/no keyword dim; its keywords are dims/)
  })

  it('cumsum of a matrix needs dims, and cat needs dims, as in Julia', () => {
    const s = julia()
    expect(s.error('cumsum([1 2; 3 4])')).toMatch(/needs dims, as in cumsum\(A; dims = 1\)/)
    expect(s.error('cat(A, A)')).toMatch(/cat needs dims/)
  })

  it('reshape to a size that does not fit says both sizes', () => {
    expect(julia().error('reshape(1:6, 4, 2)')).toMatch(/6 elements.*needs 8/)
  })

  it('a package that is not built in is named; the built-in ones load silently', () => {
    const s = julia()
    expect(s.error('using Flux')).toMatch(/Flux.*not available/)
    expect(s.run('using Zygote\nimport LinearAlgebra\nusing ForwardDiff')).toBe(null)
  })

  it('eye(n), removed from Julia, says what to write instead', () => {
    expect(julia().error('eye(3)')).toMatch(/I\(n\), or Matrix\(I, n, n\)/)
  })

  it("Int(2.5) needs a whole number, as Julia's InexactError", () => {
    expect(julia().error('Int(2.5)')).toMatch(/whole numbers.*round\(Int, x\)/)
  })

  it('a seed must be a whole number', () => {
    expect(julia().error('randn(MersenneTwister(1.5), 2)')).toMatch(/whole number/)
  })
})

describe("Julia cells: the learner's own definitions come first", () => {
  it('a notebook that defines its own softmax uses it', () => {
    expectJsonClose(julia().run('softmax(x) = x .+ 1\nsoftmax([1, 2])'), [2, 3])
  })
  it('a notebook that names a variable I uses it, and LinearAlgebra.I is still the identity', () => {
    expectJsonClose(julia().run('I = 5\n(I + 1, A + LinearAlgebra.I)'), {
      tuple: [
        6,
        [
          [1, 3, 2],
          [1, 1, 3],
          [2, 1, 1],
        ],
      ],
    })
  })
})
