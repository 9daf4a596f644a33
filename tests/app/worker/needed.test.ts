/**
 * What an embed's worker reads to find the cells its cell needs: every cell that could define a
 * name (by `=`, a macro or a binding keyword, in Julia or Python), and no cell that cannot (a
 * call, a panel), which is most of a lesson's reading saved. The definitions found are those of
 * the full analysis, for each binding form.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { CellLanguage } from '../../../engine/language/frontends/languages.ts'
import { neededCells } from '../../../app/worker/needed.ts'

/** Sources read (analysed), in order. */
const read: string[] = []
vi.mock('../../../engine/language/analysis.ts', async (original) => {
  const actual = await original<typeof import('../../../engine/language/analysis.ts')>()
  return {
    ...actual,
    analyzeCell: (source: string, ...rest: unknown[]) => {
      read.push(source)
      return (actual.analyzeCell as (...a: unknown[]) => ReturnType<typeof actual.analyzeCell>)(source, ...rest)
    },
  }
})
beforeEach(() => void (read.length = 0))

const cells = (language: CellLanguage, sources: string[]) =>
  sources.map((source, i) => ({ id: `${language}${i}`, source, language }))
const ids = (found: { id: string }[]) => found.map((c) => c.id)

describe('an embed’s needed cells', () => {
  it('are found without reading the cells that define nothing (calls, panels)', () => {
    const julia = cells('julia', [
      'A = [1 2; 3 4]\nf(x) = sum(abs2, A*x)',
      'g(x1)',
      'x1 = [1.0, 2.0]',
      "2*A'*A*x1",
      'show_hessian(f, x1)',
      'g(x) = gradient(f, x)[1]',
      'hessian(f, x1)',
    ])
    expect(ids(neededCells(julia, ['julia1']))).toEqual(['julia0', 'julia1', 'julia2', 'julia5'])
    // Read: the three defining cells and the target; never the other calls.
    expect(read.filter((s) => ["2*A'*A*x1", 'show_hessian(f, x1)', 'hessian(f, x1)'].includes(s))).toEqual([])
  })

  it('still finds each binding form, in Julia and Python', () => {
    const julia = cells('julia', [
      'for k in 1:3\n  global total\nend',
      'function h(x)\n  2x\nend',
      '@. y = x1 + 1',
      'x1 = [1.0, 2.0]',
      'h(x1) + y[1]',
      'function ChainRulesCore.rrule(::typeof(h), x)\n  return h(x), ȳ -> (NoTangent(), 3ȳ)\nend',
    ])
    expect(ids(neededCells(julia, ['julia4']))).toEqual(['julia1', 'julia2', 'julia3', 'julia4', 'julia5'])
    const python = cells('python', [
      'import jax\nimport jax.numpy as jnp',
      'def f(x):\n    return jnp.sum(x ** 2)',
      'with open("a") as handle:\n    pass',
      'x1 = jnp.arange(3.)',
      'jax.grad(f)(x1)',
    ])
    expect(ids(neededCells(python, ['python4']))).toEqual(['python1', 'python3', 'python4'])
  })
})
