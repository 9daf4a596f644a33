// torch.autograd.Function subclasses, as PyTorch's "Extending torch.autograd" documents them:
// static forward(ctx, ...) and backward(ctx, grad_output) returning one gradient per input (None
// for a non-tensor input), ctx.save_for_backward / ctx.saved_tensors, attributes on ctx, the
// setup_context form, and jvp for forward mode; applied with F.apply. Reverse mode uses backward
// even when it is wrong (rules off by a known factor show it); values are closed forms.
import { describe, expect, it } from 'vitest'
import { failure, numbers, run } from './cells.ts'

const SQUARE = `import torch
class Square(torch.autograd.Function):
    """x², with its own backward."""
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 2
    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        return 2 * x * grad_output
x = torch.tensor([1., 2., 3.])`

/** x·y whose backward triples ∂/∂x: the answer shows reverse mode used it. */
const TRIPLED = `class Mul(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        ctx.save_for_backward(x, y)
        return x * y
    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        return 3 * g * y, g * x`

const x = [1, 2, 3]

describe('torch.autograd.Function', () => {
  it('F.apply(x) runs forward: x²', () => {
    expect(numbers(run(SQUARE, 'Square.apply(x)'))).toEqual(x.map((t) => t * t))
  })
  it('torch.func.grad and jacrev go through backward: 2x and diag(2x)', () => {
    expect(numbers(run(SQUARE, 'torch.func.grad(lambda x: Square.apply(x).sum())(x)'))).toEqual(x.map((t) => 2 * t))
    expect(numbers(run(SQUARE, 'torch.func.jacrev(Square.apply)(x)'))).toEqual([2, 0, 0, 0, 4, 0, 0, 0, 6])
  })
  it('reverse mode uses backward as written, even off by 3; gradcheck says it is wrong', () => {
    const y = x.map((t) => t + 1)
    expect(
      numbers(run(SQUARE, TRIPLED, 'torch.func.grad(lambda x, y: Mul.apply(x, y).sum(), argnums=(0, 1))(x, x + 1)')),
    ).toEqual([y.map((t) => 3 * t), x])
    expect(run(SQUARE, TRIPLED, 'torch.autograd.gradcheck(Mul.apply, (x, x + 1), raise_exception=False)')).toBe(false)
  })
  it('attributes on ctx, and None as the gradient of a constant input (MulConstant)', () => {
    const cell = `class MulConstant(torch.autograd.Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        ctx.constant = constant
        return tensor * constant
    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None`
    expect(numbers(run(SQUARE, cell, 'torch.func.grad(lambda x: MulConstant.apply(x, 5.).sum())(x)'))).toEqual([
      5, 5, 5,
    ])
  })
  it('setup_context and jvp: jacfwd gives diag(cos x), the Hessian of Σ sin x is diag(−sin x)', () => {
    const cell = `class Sin(torch.autograd.Function):
    @staticmethod
    def forward(x):
        return torch.sin(x)
    @staticmethod
    def setup_context(ctx, inputs, output):
        x, = inputs
        ctx.save_for_backward(x)
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * torch.cos(x)
    @staticmethod
    def jvp(ctx, x_t):
        x, = ctx.saved_tensors
        return x_t * torch.cos(x)`
    const diag = (v: number[]) => v.flatMap((a, i) => v.map((_, j) => (i === j ? a : 0)))
    const [J, H] = numbers(
      run(SQUARE, cell, 'torch.func.jacfwd(Sin.apply)(x), torch.func.hessian(lambda x: Sin.apply(x).sum())(x)'),
    ) as number[][]
    diag(x.map(Math.cos)).forEach((v, k) => expect(J![k]).toBeCloseTo(v, 12))
    diag(x.map((t) => -Math.sin(t))).forEach((v, k) => expect(H![k]).toBeCloseTo(v, 12))
  })
  it('forward mode without jvp is refused in PyTorch words', () => {
    expect(failure(SQUARE, 'torch.func.jacfwd(Square.apply)(x)')).toMatch(/has no jvp staticmethod.*forward-mode AD/)
  })
  it('backward returning the wrong number of gradients says how many', () => {
    const cell = `class Bad(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x * y
    @staticmethod
    def backward(ctx, g):
        return g`
    expect(failure(SQUARE, cell, 'torch.func.grad(lambda x: Bad.apply(x, x).sum())(x)')).toMatch(
      /Bad\.backward returned 1 gradient, but forward took 2 inputs/,
    )
  })
  it('other classes are still refused, naming the one that is understood', () => {
    expect(failure('import torch', 'class M(torch.nn.Module):\n    pass')).toMatch(
      /classes are not supported.*torch\.autograd\.Function/,
    )
    expect(failure(SQUARE, 'class G(torch.autograd.Function):\n    def helper(ctx):\n        return 1')).toMatch(
      /the method helper is not understood/,
    )
  })
})
