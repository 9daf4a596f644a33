/**
 * The LaTeX printer over the language's own tree, against mathjs's toTex (what function
 * definitions were shown with before the tree was the project's own) on every function the
 * lessons define, and each rendered by KaTeX. One difference is deliberate: mathjs set names
 * that happen to be units (t, h, A, k...) upright, \mathrm{t}; the printer sets every variable
 * as a variable. The comparison takes that difference (and spacing, which KaTeX ignores) out.
 */
import { parseJulia } from '../../../../engine/language/frontends/julia/index.ts'
import katex from 'katex'
import { create, parseDependencies } from 'mathjs'
import type { MathNode } from 'mathjs'
import { describe, expect, it } from 'vitest'
import { parseStatement } from '../../../../engine/language/frontends/ad.ts'
import { printTex } from '../../../../engine/language/syntax/latex.ts'
import { lessonStatements } from './lessons.ts'

const math = create({ parseDependencies })

/**
 * \mathrm{t} as a variable reads t; spaces are nothing to KaTeX in math mode; a name's underscore
 * is escaped here (mathjs left it bare, so cg_move read as cg with a subscript).
 */
const equivalent = (tex: string) =>
  tex
    .replace(/\\_/g, '_')
    .replace(/\\mathrm\{([A-Za-z][A-Za-z0-9_]*)\}(?!\\left\()/g, '$1')
    .replace(/\s+/g, '')

const tex = (text: string) => printTex(parseStatement(text))

describe('LaTeX of the lessons’ functions', () => {
  const definitions = new Set<string>()
  for (const text of lessonStatements())
    math.parse(text).traverse((n: MathNode) => {
      if (n.type === 'FunctionAssignmentNode') definitions.add(n.toString())
    })

  it('finds the functions the lessons define', () => {
    expect(definitions.size).toBeGreaterThan(25)
  })

  it('writes each as mathjs did, up to upright unit names, and KaTeX renders it', () => {
    for (const d of definitions) {
      const ours = tex(d)
      expect(equivalent(ours), d).toBe(equivalent(math.parse(d).toTex()))
      expect(() => katex.renderToString(ours, { throwOnError: true }), d).not.toThrow()
    }
  })
})

describe('LaTeX by construct', () => {
  it('sets variables as variables, functions upright, and builtins in their notation', () => {
    expect(tex('h(t) = t ^ 3 - 2 * t')).toBe('\\mathrm{h}\\left(t\\right)={ t}^{3}-2\\cdot t')
    expect(tex('n(x) = sqrt(x) + abs(x) + norm(x) + exp(x) + log(x)')).toBe(
      '\\mathrm{n}\\left(x\\right)=\\sqrt{ x}+\\left| x\\right|+\\left\\| x\\right\\|+\\exp\\left( x\\right)+\\ln\\left( x\\right)',
    )
    expect(tex('f(x) = g(x, 2)')).toBe('\\mathrm{f}\\left(x\\right)=\\mathrm{g}\\left( x,2\\right)')
    // return shows what it returns (it printed as the word alone).
    const [def] = parseJulia('function f(x)\n  y = 2x\n  return y + 1\nend')
    expect(printTex(def!.expr)).toMatch(/\\mathbf\{return\}\\; y\+1/)
    // An underscore in a name is a letter, not a subscript.
    expect(tex('my_sum(x) = my_g(x)')).toBe('\\mathrm{my\\_sum}\\left(x\\right)=\\mathrm{my\\_g}\\left( x\\right)')
  })

  it('fractions, powers of fractions, indices, matrices and cases', () => {
    expect(tex('(a / b) ^ 2')).toBe('{\\left(\\frac{ a}{ b}\\right)}^{2}')
    expect(tex('a / b ^ 2')).toBe('\\frac{ a}{{ b}^{2}}')
    expect(tex('x[1:3, end]')).toBe(' x_{1:3, end}')
    expect(tex('[1, 2; 3, 4]')).toBe('\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}')
    expect(tex('x > 0 ? x : -x')).toBe(
      '\\begin{cases} { x}, &\\quad{\\text{if }\\; x>0}\\\\{- x}, &\\quad{\\text{otherwise}}\\end{cases}',
    )
    expect(tex('1e-20')).toBe('1\\cdot10^{-20}')
  })

  it('Greek names as letters, and names that are also JavaScript properties as plain names', () => {
    expect(tex('alpha * pi')).toBe('\\alpha\\cdot\\pi')
    expect(tex('constructor + toString(1)')).toBe(' constructor+\\mathrm{toString}\\left(1\\right)')
  })
})
