// The Python grammar carried in engine/language/frontends/python/grammar: its generated parser
// is current, and its one patch (float literals ending in a dot) does what it says.
import { readFileSync } from 'node:fs'
import { buildParser } from '@lezer/generator'
import { describe, expect, it } from 'vitest'
import { parser } from '../../../../../engine/language/frontends/python/grammar/parser.ts'
import { grammarStamp } from '../../../../grammar/build.ts'

const dir = new URL('../../../../../engine/language/frontends/python/grammar/', import.meta.url)
const grammar = readFileSync(new URL('python.grammar', dir), 'utf8')

function errors(tree: ReturnType<typeof parser.parse>): number {
  let n = 0
  tree.iterate({ enter: (node) => void (node.type.isError && n++) })
  return n
}

describe('the Python grammar', () => {
  it('is the parser the grammar generates (run `npm run grammar` after editing python.grammar)', () => {
    const stamp = readFileSync(new URL('parser.ts', dir), 'utf8').split('\n')[0] + '\n'
    expect(stamp).toBe(grammarStamp(grammar))
  })

  const trailingDots = ['x = 1.\n', 'v = [0., 1., 0.]\n', 'y = 2.e3 * x\n', 'f(3.)\n', 'z = (1., -2.)\n']

  it.each(trailingDots)('reads a float that ends in its dot: %j', (src) => {
    const tree = parser.parse(src)
    expect(errors(tree)).toBe(0)
    expect(tree.toString()).toContain('Number')
  })

  it('needs its patch: the Number token as released rejects those floats', () => {
    // The Number token alone, in a one-rule grammar, before and after the patch.
    const token = /\n {2}Number \{\n[\s\S]*?\n {2}\}\n/.exec(grammar)![0].replace(/^ *\/\/.*\n/gm, '')
    const released = token.replace('("." (@digit ("_" | @digit)*)?)?', '("." @digit ("_" | @digit)*)?')
    expect(released).not.toBe(token)
    const accepts = (rule: string, src: string) => {
      const tree = buildParser(`@top T { Number }\n@tokens {${rule}}`).parse(src)
      return errors(tree as never) === 0
    }
    expect(accepts(token, '1.')).toBe(true)
    expect(accepts(released, '1.')).toBe(false)
    expect(accepts(released, '1.5')).toBe(true)
  })

  it.each([
    [
      'not a and b or c',
      'BinaryExpression(BinaryExpression(UnaryExpression(not,VariableName),and,VariableName),or,VariableName)',
    ],
    [
      'a or not b and c',
      'BinaryExpression(VariableName,or,BinaryExpression(UnaryExpression(not,VariableName),and,VariableName))',
    ],
    ['not a < b', 'UnaryExpression(not,BinaryExpression(VariableName,CompareOp,VariableName))'],
  ])('`not` binds as in Python (the second patch): %s', (src, expected) => {
    expect(parser.parse(`${src}\n`).toString()).toBe(`Script(ExpressionStatement(${expected}))`)
  })

  it('still refuses what Python refuses: a number followed by a name, a lone dot', () => {
    expect(errors(parser.parse('x = 1.real\n'))).toBeGreaterThan(0)
    expect(errors(parser.parse('x = .\n'))).toBeGreaterThan(0)
  })
})
