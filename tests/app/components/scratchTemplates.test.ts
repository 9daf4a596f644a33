// The scratch cell's templates write one call for the function the instructor just typed: the
// last function the cell defines, at the last x it assigns (or a default point), in the cell's
// language, replacing the line an earlier template wrote.
import { describe, expect, it } from 'vitest'
import { DEFAULT_POINT, withTemplate } from '../../../app/components/scratch.ts'

const head = '# scratch: the lesson’s names work here\n'

describe('scratch templates', () => {
  it('calls show_pullbacks on the function just typed, at a default point', () => {
    expect(withTemplate(`${head}g(x) = x.^2`, 'pullbacks', 'julia')).toBe(
      `${head}g(x) = x.^2\nshow_pullbacks(g, ${DEFAULT_POINT})`,
    )
  })

  it('uses the last function and the last x the cell assigns, and f when it defines none', () => {
    const src = `${head}h(x) = sum(x)\nfunction k(x)\n  x .^ 3\nend\nx0 = [1, 2]\nprintln(x0)`
    expect(withTemplate(src, 'hessian', 'julia').split('\n').at(-1)).toBe('show_hessian(k, x0)')
    expect(withTemplate(head, 'pullbacks', 'julia').split('\n').at(-1)).toBe(`show_pullbacks(f, ${DEFAULT_POINT})`)
  })

  it("writes Julia's jacobian with its tuple index, and ad's without", () => {
    expect(withTemplate(`${head}f(x) = 2x`, 'jacobian', 'julia')).toMatch(/jacobian\(f, \[1\.0, 2\.0, 3\.0\]\)\[1\]$/)
    expect(withTemplate(`${head}f(x) = 2 * x`, 'jacobian', 'ad')).toMatch(/\njacobian\(f, \[1\.0, 2\.0, 3\.0\]\)$/)
  })

  it('replaces the call an earlier template wrote', () => {
    const once = withTemplate(`${head}f(x) = 2x`, 'pullbacks', 'julia')
    expect(withTemplate(once, 'hessian', 'julia')).toBe(`${head}f(x) = 2x\nshow_hessian(f, ${DEFAULT_POINT})`)
  })

  it('in a Python cell: the last def or lambda, jax.jacrev(f)(x) for the Jacobian (with import jax), the panels by their names', () => {
    const src = `${head}def g(x):\n    return x ** 2\nh = lambda x: jnp.sin(x)\nx1 = jnp.array([0., 1.])`
    expect(withTemplate(src, 'jacobian', 'python').split('\n').slice(-2)).toEqual(['import jax', 'jax.jacrev(h)(x1)'])
    expect(withTemplate(`${head}import jax\ndef g(x):\n    return x`, 'jacobian', 'python').split('\n').at(-1)).toBe(
      `jax.jacrev(g)(${DEFAULT_POINT})`,
    )
    expect(withTemplate(`${head}def g(x):\n    return x`, 'pullbacks', 'python').split('\n').at(-1)).toBe(
      `show_pullbacks(g, ${DEFAULT_POINT})`,
    )
    // The next template replaces the jacrev line.
    const once = withTemplate(`${head}import jax\ndef g(x):\n    return x`, 'jacobian', 'python')
    expect(withTemplate(once, 'hessian', 'python')).toBe(
      `${head}import jax\ndef g(x):\n    return x\nshow_hessian(g, ${DEFAULT_POINT})`,
    )
  })
})
