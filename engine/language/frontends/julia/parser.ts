/**
 * The Lezer grammar of Pluto's editor (`@plutojl/lezer-julia`), with one fix for evaluation:
 * a bracket written right after a name (`f(x)`, `x[1]`, `T{P}`, `x'`) is always a call, an
 * index, a parameter or an adjoint, as in Julia. The grammar also lets such a bracket start a
 * new statement, and after a `for`, `while` or `if` header it chose that reading: `while x[1] > 0`
 * was `while x` with a body starting `[1] > 0`, and `for i in f(x)` looped over `f`. The fix
 * is in the tokenizer, not the grammar: the "immediate" bracket token after an operand becomes
 * exclusive where the parser can take it, so the other reading is never tried.
 */
import { ExternalTokenizer } from '@lezer/lr'
import type { InputStream, LRParser, Stack } from '@lezer/lr'
import { parser as pluto } from '@plutojl/lezer-julia'

const base = pluto as unknown as LRParser

/** The grammar's first external tokenizer is `immediate` (src/julia.grammar, `@external tokens immediate`). */
const immediate = (base as unknown as { tokenizers: { token(input: InputStream, stack: Stack): void }[] })
  .tokenizers[0]!

const EXCLUSIVE = new Set(['(', '[', '{', "'"].map((c) => c.charCodeAt(0)))

/**
 * Whether the bracket follows an operand (a name, a number, a closing bracket, an adjoint, the
 * dot of `f.(x)`) rather than an operator: `-(x - y)^2` is `-((x - y)^2)` in Julia, a unary minus
 * on a parenthesis, not a call of `-` squared.
 */
function afterOperand(input: InputStream): boolean {
  const before = input.peek(-1)
  if (before >= 0xdc00 && before <= 0xdfff) return true // the second half of a surrogate pair: a letter
  const c = before < 0 ? '' : String.fromCharCode(before)
  if (c === '!') return /[\p{L}\p{N}_]/u.test(String.fromCharCode(input.peek(-2))) // push!(x), not !(x)
  return /[\p{L}\p{N}\p{Mn}\p{Sk}_)\]}'.′″‴]/u.test(c)
}

/**
 * The grammar's own immediate tokenizer, made exclusive when it produced a bracket or quote
 * token. Lezer reads `extend` after each call (and the tokenizer is contextual, so it is called
 * for every parse stack): while it is false, other tokenizers are not tried at that position.
 */
function exclusiveImmediate(): ExternalTokenizer {
  let exclusive = false
  const tokenizer = new ExternalTokenizer(
    (input: InputStream, stack: Stack) => {
      let accepted = false
      const accept = input.acceptToken
      input.acceptToken = function (this: InputStream, token: number, endOffset?: number) {
        accepted = true
        accept.call(this, token, endOffset)
      }
      try {
        immediate.token(input, stack)
      } finally {
        delete (input as Partial<InputStream>).acceptToken
      }
      exclusive = accepted && EXCLUSIVE.has(input.peek(0)) && afterOperand(input)
    },
    { contextual: true, extend: true },
  )
  Object.defineProperty(tokenizer, 'extend', { get: () => !exclusive })
  return tokenizer
}

/** The parser every Julia cell (and, when it wants, the editor) reads Julia with. */
export const juliaParser: LRParser = base.configure({
  tokenizers: [{ from: immediate as unknown as ExternalTokenizer, to: exclusiveImmediate() }],
})
