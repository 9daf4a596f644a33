// Python cells with PyTorch's functional names: torch.func and torch.autograd.functional. Oracles:
// the seed's numbers (its README), closed forms, and central differences.
import { describe, expect, it } from 'vitest'
import { SEED_HESSIAN, failure, numbers, run } from './cells.ts'
import { isValue } from '../../../../engine/ad/value.ts'
import type { LangValue } from '../../../../engine/language/values.ts'

const SEED = `import torch
import torch.func as tf
from torch.func import grad
A = torch.tensor([[0., 3., 2.], [1., 0., 3.], [2., 1., 0.]])
x1 = torch.tensor([0., 1., 2.], requires_grad=True)
def f(x):
    return torch.sum((A @ x) ** 2)
g = grad(f)`

const H = SEED_HESSIAN

const shape = (v: LangValue): number[] => (isValue(v) ? [...v.shape] : [])

function close(actual: unknown, expected: number[], tol = 1e-6) {
  const a = actual as number[]
  expect(a.length).toBe(expected.length)
  a.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, -Math.log10(tol)))
}

describe('the seed example, the torch.func way', () => {
  it('f(x1) = 86 and torch.func.grad gives 2AᵀAx1 = [16, 44, 64]', () => {
    expect(numbers(run(SEED, 'f(x1)'))).toEqual([86])
    expect(numbers(run(SEED, 'g(x1)'))).toEqual([16, 44, 64])
  })

  it('the Hessian is 2AᵀA by hessian, jacfwd(jacrev) and jacrev of the gradient', () => {
    expect(numbers(run(SEED, 'tf.hessian(f)(x1)'))).toEqual(H)
    expect(numbers(run(SEED, 'tf.jacfwd(tf.jacrev(f))(x1)'))).toEqual(H)
    expect(numbers(run(SEED, 'torch.func.jacrev(g)(x1)'))).toEqual(H)
    expect(shape(run(SEED, 'tf.hessian(f)(x1)'))).toEqual([3, 3])
  })

  it('vjp of the gradient with ones is the sum trap [20, 36, 44], returned as a tuple', () => {
    expect(numbers(run(SEED, 'y, vjp_fn = tf.vjp(g, x1)', 'vjp_fn(torch.ones(3))'))).toEqual([[20, 36, 44]])
    expect(numbers(run(SEED, 'y, vjp_fn = tf.vjp(g, x1)', 'y'))).toEqual([16, 44, 64])
  })

  it('jvp of the gradient along [1, 2, 3] is H·v = [36, 80, 108]', () => {
    expect(numbers(run(SEED, 'tf.jvp(g, (x1,), (torch.tensor([1., 2., 3.]),))'))).toEqual([
      [16, 44, 64],
      [36, 80, 108],
    ])
  })

  it("grad of the gradient is refused with torch's words and the course's explanation", () => {
    const message = failure(SEED, 'grad(g)(x1)')
    expect(message).toMatch(/Expected f\(\*args\) to return a scalar Tensor, got tensor with 1 dims/)
    expect(message).toMatch(/torch\.func\.jacfwd\(torch\.func\.grad\(f\)\)/)
    expect(message).toMatch(/vjp_fn\(v\)/)
  })
})

describe('the seed example, the torch.autograd.functional way', () => {
  const AF = 'import torch.autograd.functional as AF'

  it('jacobian of f is the gradient and hessian is 2AᵀA', () => {
    expect(numbers(run(SEED, AF, 'AF.jacobian(f, x1)'))).toEqual([16, 44, 64])
    expect(numbers(run(SEED, AF, 'AF.hessian(f, x1)'))).toEqual(H)
    expect(numbers(run(SEED, AF, 'AF.jacobian(g, x1)'))).toEqual(H)
  })

  it('hvp and vhp give (f(x), H·v) with v = [1, 2, 3]: (86, [36, 80, 108])', () => {
    const v = 'v = torch.tensor([1., 2., 3.])'
    expect(numbers(run(SEED, AF, v, 'AF.hvp(f, x1, v)'))).toEqual([[86], [36, 80, 108]])
    expect(numbers(run(SEED, AF, v, 'AF.vhp(f, x1, v)'))).toEqual([[86], [36, 80, 108]])
  })

  it('vjp of the gradient with ones is (g(x1), [20, 36, 44]); jvp is (g(x1), H·v)', () => {
    expect(numbers(run(SEED, AF, 'AF.vjp(g, x1, torch.ones(3))'))).toEqual([
      [16, 44, 64],
      [20, 36, 44],
    ])
    expect(numbers(run(SEED, AF, 'AF.jvp(g, x1, torch.tensor([1., 2., 3.]))'))).toEqual([
      [16, 44, 64],
      [36, 80, 108],
    ])
  })

  it('a tuple of inputs gives one result per input: f(x, y) = x·y² at (2, 3)', () => {
    const def =
      'import torch\nimport torch.autograd.functional as AF\ndef h(x, y):\n    return x * y ** 2\np = (torch.tensor(2.), torch.tensor(3.))'
    // ∇ = (y², 2xy) = (9, 12); H = [[0, 2y], [2y, 2x]] = [[0, 6], [6, 4]].
    expect(numbers(run(def, 'AF.jacobian(h, p)'))).toEqual([[9], [12]])
    expect(numbers(run(def, 'AF.vjp(h, p, torch.tensor(1.))'))).toEqual([[18], [[9], [12]]])
    expect(numbers(run(def, 'AF.jvp(h, p, (torch.tensor(1.), torch.tensor(0.)))'))).toEqual([[18], [9]])
    expect(numbers(run(def, 'AF.hvp(h, p, (torch.tensor(1.), torch.tensor(0.)))'))).toEqual([[18], [[0], [6]]])
    expect(numbers(run(def, 'AF.vhp(h, p, (torch.tensor(0.), torch.tensor(1.)))'))).toEqual([[18], [[6], [4]]])
  })

  it("hessian of a vector function says torch's words", () => {
    expect(failure(SEED, AF, 'AF.hessian(g, x1)')).toMatch(/should contain a single element/)
  })
})

describe('torch.func conventions', () => {
  it('argnums picks arguments: d/dy of x·y² at (2, 3) is 2xy = 12; a tuple gives both', () => {
    const def = 'import torch\ndef h(x, y):\n    return x * y ** 2'
    expect(numbers(run(def, 'torch.func.grad(h, argnums=1)(torch.tensor(2.), torch.tensor(3.))'))).toEqual([12])
    expect(numbers(run(def, 'torch.func.grad(h, argnums=(0, 1))(torch.tensor(2.), torch.tensor(3.))'))).toEqual([
      [9],
      [12],
    ])
  })

  it('grad_and_value gives (gradient, value), in that order as torch does', () => {
    expect(numbers(run(SEED, 'tf.grad_and_value(f)(x1)'))).toEqual([[16, 44, 64], [86]])
  })

  it('vmap takes in_dims positionally too', () => {
    const cell =
      'import torch\ndef s(x, c):\n    return torch.sum(x) * c\ntorch.func.vmap(s, (0, None))(torch.eye(3), torch.tensor(2.))'
    expect(numbers(run(cell))).toEqual([2, 2, 2])
  })

  it('has_aux: grad gives (gradient, aux), grad_and_value (gradient, (value, aux)), as torch.func documents', () => {
    // h(x) = Σx³ with aux x²: gradient 3x², at x = [1, 2] [3, 12]; value 9; aux [1, 4].
    const h = 'import torch\ndef h(x):\n    return torch.sum(x ** 3), x ** 2\nx = torch.tensor([1., 2.])'
    expect(numbers(run(h, 'torch.func.grad(h, has_aux=True)(x)'))).toEqual([
      [3, 12],
      [1, 4],
    ])
    expect(numbers(run(h, 'torch.func.grad_and_value(h, has_aux=True)(x)'))).toEqual([
      [3, 12],
      [[9], [1, 4]],
    ])
    expect(failure('import torch', 'torch.func.grad(lambda x: x, has_aux=True)(torch.tensor(1.))')).toMatch(
      /must return a pair \(output, auxiliary\)/,
    )
  })

  it('vmap with in_dims maps the first argument and holds the second', () => {
    const cell = `import torch
W = torch.tensor([[1., 2.], [3., 4.]])
xs = torch.tensor([[1., 0.], [0., 1.], [1., 1.]])
def layer(x, M):
    return torch.sum(torch.tanh(M @ x))
torch.func.vmap(layer, in_dims=(0, None))(xs, W)`
    const expected = [
      [1, 3],
      [2, 4],
      [3, 7],
    ].map(([a, b]) => Math.tanh(a!) + Math.tanh(b!))
    close(numbers(run(cell)), expected)
  })

  it('per-example gradients: vmap(grad(loss)) against the closed form 2(w·x)x', () => {
    const cell = `import torch
from torch.func import grad, vmap
w = torch.tensor([1., -2.])
xs = torch.tensor([[1., 2.], [3., 1.]])
def loss(x, w):
    return torch.dot(w, x) ** 2
vmap(grad(loss, argnums=1), in_dims=(0, None))(xs, w)`
    // w·x = -3 and 1: 2(-3)[1, 2] = [-6, -12]; 2(1)[3, 1] = [6, 2].
    expect(numbers(run(cell))).toEqual([-6, -12, 6, 2])
  })

  it('torch.func.hessian of a vector function gives one Hessian per output, as jacfwd(jacrev(f))', () => {
    const out = run('import torch\ndef q(x):\n    return x ** 3', 'torch.func.hessian(q)(torch.tensor([1., 2.]))')
    // d²(x_i³)/dx_j dx_k = 6 x_i when i = j = k.
    expect(shape(out)).toEqual([2, 2, 2])
    expect(numbers(out)).toEqual([6, 0, 0, 0, 0, 0, 0, 12])
  })
})

describe('torch functions on tensors', () => {
  const x = 'import torch\nx = torch.tensor([0.5, -1., 2.])'

  it('gradients of sigmoid, tanh, exp, log against central differences', () => {
    const fns = [
      [
        'torch.sum(torch.sigmoid(x) * torch.exp(x))',
        (v: number[]) => v.reduce((s, a) => s + Math.exp(a) / (1 + Math.exp(-a)), 0),
      ],
      [
        'torch.sum(torch.tanh(x) ** 2 + torch.log(x ** 2 + 1.))',
        (v: number[]) => v.reduce((s, a) => s + Math.tanh(a) ** 2 + Math.log(a * a + 1), 0),
      ],
      [
        'torch.mean(torch.sin(x) * torch.cos(x)) + torch.sqrt(torch.dot(x, x))',
        (v: number[]) => v.reduce((s, a) => s + Math.sin(a) * Math.cos(a), 0) / 3 + Math.hypot(...v),
      ],
    ] as const
    const point = [0.5, -1, 2]
    for (const [body, f] of fns) {
      const got = numbers(run(x, `def f(x):\n    return ${body}`, 'torch.func.grad(f)(x)')) as number[]
      const h = 1e-5
      const expected = point.map((_, i) => {
        const up = point.map((p, j) => (j === i ? p + h : p))
        const down = point.map((p, j) => (j === i ? p - h : p))
        return (f(up) - f(down)) / (2 * h)
      })
      close(got, expected, 1e-6)
    }
  })

  it('softmax and logsumexp take dim; the Jacobian of softmax is diag(s) - ssᵀ', () => {
    const s = [0.5, -1, 2].map(Math.exp)
    const total = s.reduce((a, b) => a + b, 0)
    const p = s.map((e) => e / total)
    close(numbers(run(x, 'torch.softmax(x, dim=0)')) as number[], p)
    close(numbers(run(x, 'torch.logsumexp(x, dim=0)')) as number[], [Math.log(total)])
    const J = p.flatMap((pi, i) => p.map((pj, j) => (i === j ? pi : 0) - pi * pj))
    close(numbers(run(x, 'torch.func.jacrev(lambda z: torch.softmax(z, dim=-1))(x)')) as number[], J)
    const M = 'import torch\nM = torch.tensor([[1., 2.], [3., 5.]])'
    close(numbers(run(M, 'torch.logsumexp(M, dim=1)')) as number[], [
      Math.log(Math.exp(1) + Math.exp(2)),
      Math.log(Math.exp(3) + Math.exp(5)),
    ])
    expect(numbers(run(M, 'torch.sum(M, dim=0)'))).toEqual([4, 7])
    expect(numbers(run(M, 'torch.mean(M, dim=1)'))).toEqual([1.5, 4])
  })

  it('linalg, matmul, eye, where, relu, arange, zeros', () => {
    const M = 'import torch\nM = torch.tensor([[1., 2.], [3., 5.]])'
    close(numbers(run(M, 'torch.linalg.det(M)')) as number[], [-1])
    close(numbers(run(M, 'torch.linalg.inv(M)')) as number[], [-5, 2, 3, -1])
    close(numbers(run(M, 'torch.linalg.norm(torch.tensor([3., 4.]))')) as number[], [5])
    expect(numbers(run(M, 'torch.matmul(M, torch.eye(2))'))).toEqual([1, 2, 3, 5])
    expect(numbers(run(M, 'torch.matmul(torch.tensor([1., 1.]), M)'))).toEqual([4, 7])
    expect(numbers(run(M, 'torch.matmul(torch.tensor([1., 1.]), torch.tensor([2., 3.]))'))).toEqual([5])
    expect(numbers(run(x, 'torch.where(x > 0, x, torch.zeros(3))'))).toEqual([0.5, 0, 2])
    expect(numbers(run(x, 'torch.relu(x)'))).toEqual([0.5, 0, 2])
    expect(numbers(run(x, 'torch.arange(3)'))).toEqual([0, 1, 2])
    expect(shape(run(x, 'torch.ones(2, 3)'))).toEqual([2, 3])
    expect(shape(run(x, 'torch.zeros((3, 2))'))).toEqual([3, 2])
    expect(numbers(run(x, 'torch.zeros(2)'))).toEqual([0, 0])
    // d det(M)/dM = det(M) M⁻ᵀ = -1 · [[-5, 3], [2, -1]].
    close(numbers(run(M, 'torch.func.grad(torch.linalg.det)(M)')) as number[], [5, -3, -2, 1])
  })
})

describe('in-place autograd is pointed to the functional form', () => {
  it('a method a tensor does not have says which it has', () => {
    expect(failure('import torch\nx = torch.tensor([1., 2.])\nx.frobnicate()')).toMatch(
      /has no attribute frobnicate: arrays here have T, .*the methods sum, mean/,
    )
  })

  it('.backward(), .grad and .requires_grad_() each say what to write', () => {
    for (const tail of ['y = torch.sum(x ** 2)\ny.backward()', 'x.grad', 'x.requires_grad_()']) {
      const message = failure(`import torch\nx = torch.tensor([1., 2.], requires_grad=True)\n${tail}`)
      expect(message).toMatch(/in-place autograd/)
      expect(message).toMatch(/torch\.func\.grad\(f\)\(x\)/)
    }
  })
})
