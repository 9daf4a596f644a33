/**
 * CodeMirror support for the notebook language (mathjs syntax): a small stream tokenizer and a
 * light highlight style with WCAG AA contrast on the editor's background.
 *
 * The builtin names are written out here rather than imported from engine/language/builtins.ts, because
 * that import would pull mathjs and the whole engine into the page's bundle (the engine runs in the
 * worker). A unit test checks the list against BUILTINS so the two cannot drift apart.
 */
import type { StreamParser } from '@codemirror/language'
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from '@codemirror/language'
import type { Extension } from '@codemirror/state'
import { tags } from '@lezer/highlight'

/** The names of BUILTINS in engine/language/builtins.ts, in its order. */
export const BUILTIN_NAMES: readonly string[] = [
  'exp',
  'log',
  'sin',
  'cos',
  'tan',
  'tanh',
  'sqrt',
  'abs',
  'abs2',
  'sign',
  'sum',
  'prod',
  'dot',
  'norm',
  'det',
  'inv',
  'transpose',
  'concat',
  'reshape',
  'size',
  'length',
  'zeros',
  'ones',
  'identity',
  'basis',
  'map',
  'ifelse',
  'max',
  'min',
  'slider',
  'derivative',
  'gradient',
  'jvp',
  'vjp',
  'pullback',
  'jacobian',
  'jacfwd',
  'jacrev',
  'hessian',
  'hvp',
  'tf_gradients',
  'mean',
  'tr',
  'diag',
  'diagm',
  'logdet',
  'logabsdet',
  'vec',
  'first',
  'last',
  'maximum',
  'minimum',
  'cumsum',
  'softmax',
  'logsumexp',
  'sigmoid',
  'σ',
  'relu',
  'log1p',
  'asin',
  'acos',
  'sinh',
  'cosh',
  'asinh',
  'acosh',
  'atanh',
  'cbrt',
  'log2',
  'log10',
  'exp2',
  'exp10',
  'sinpi',
  'cospi',
  'sec',
  'csc',
  'cot',
  'deg2rad',
  'rad2deg',
  'sech',
  'csch',
  'coth',
  'asec',
  'acsc',
  'acot',
  'asech',
  'acsch',
  'acoth',
  'sind',
  'cosd',
  'tand',
  'secd',
  'cscd',
  'cotd',
  'asind',
  'acosd',
  'atand',
  'asecd',
  'acscd',
  'acotd',
  'mod2pi',
  'sinc',
  'atan',
  'atan2',
  'expm1',
  'kron',
  'fill',
  'hcat',
  'vcat',
  'cat',
  'randn',
  'I',
  'plot',
  'contour',
  'show_pullbacks',
  'show_hessian',
  'cost_explorer',
  'show_backprop',
  'show_sum_trap',
  'show_confusion',
  'check_gradient',
  'test_rrule',
  'test_frule',
  'println',
  'print',
]

/** Named constants (CONSTANTS in builtins.ts) and mathjs's literal words. */
export const CONSTANT_NAMES: readonly string[] = ['pi', 'e', 'Inf', 'true', 'false']

/** mathjs's word operators; `end` is the last index inside brackets, e.g. x[end]. */
const KEYWORDS = new Set(['and', 'or', 'not', 'xor', 'mod', 'to', 'in', 'end'])
const BUILTIN_SET = new Set(BUILTIN_NAMES)
const CONSTANT_SET = new Set(CONSTANT_NAMES)

interface State {
  /**
   * Whether the last token ends a value, so that a following `'` is the transpose (A') rather than
   * the start of a single-quoted string ('abc').
   */
  afterValue: boolean
}

// mathjs reads "2.*x" as 2 .* x: a '.' followed by *, / or ^ is an operator, not a decimal point.
const NUMBER = /^(?:\d+(?:\.(?![*/^])\d*)?|\.\d+)(?:[eE][+-]?\d+)?/
// mathjs's letters: ASCII, Latin-1 and Latin Extended, Greek (θ, σ), letterlike symbols.
const IDENT = /^[A-Za-z_\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F][A-Za-z0-9_\u00C0-\u02AF\u0370-\u03FF\u2100-\u214F]*/
const OPERATOR = /^(?:\.\*|\.\/|\.\^|==|!=|<=|>=|[-+*/^<>=!?:&|~%])/
// "f(x, y) =" or "y =" (but not "y == 1"): the name being defined.
const DEFINITION = /^\s*(?:\([^()]*\))?\s*=(?!=)/

export const notebookParser: StreamParser<State> = {
  name: 'notebook',
  startState: () => ({ afterValue: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (stream.eatSpace()) return null
    const ch = stream.peek()
    if (ch === '#') {
      stream.skipToEnd()
      return 'comment'
    }
    if (ch === "'" && state.afterValue) {
      stream.next()
      return 'operator' // transpose; the result is still a value (A'')
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^'\\]|\\.)*'?/)) {
      state.afterValue = true
      return 'string'
    }
    if (stream.match(NUMBER)) {
      state.afterValue = true
      return 'number'
    }
    const word = stream.match(IDENT) as RegExpMatchArray | null
    if (word) {
      const name = word[0]
      state.afterValue = !KEYWORDS.has(name) || name === 'end'
      if (KEYWORDS.has(name)) return 'keyword'
      if (CONSTANT_SET.has(name)) return 'atom'
      if (BUILTIN_SET.has(name)) return 'builtin'
      return stream.match(DEFINITION, false) ? 'def' : 'variable'
    }
    if (stream.match(/^\.[A-Za-z_][A-Za-z0-9_]*/)) {
      state.afterValue = true
      return 'property' // p.value
    }
    if (stream.match(OPERATOR)) {
      state.afterValue = false
      return 'operator'
    }
    stream.next()
    if (ch === '(' || ch === '[' || ch === '{') {
      state.afterValue = false
      return 'bracket'
    }
    if (ch === ')' || ch === ']' || ch === '}') {
      state.afterValue = true
      return 'bracket'
    }
    state.afterValue = false
    return ch === ',' || ch === ';' ? 'punctuation' : null
  },
  languageData: {
    commentTokens: { line: '#' },
    // No "'" here: it is the transpose far more often than a quote.
    closeBrackets: { brackets: ['(', '[', '{', '"'] },
  },
}

export const notebookLanguage = StreamLanguage.define(notebookParser)

/** Colours checked for contrast >= 5.5:1 on the editor background (#f6f8fa) and the error line. */
export const notebookHighlightStyle = HighlightStyle.define([
  { tag: tags.comment, color: '#57606a', fontStyle: 'italic' },
  { tag: tags.number, color: '#116329' },
  { tag: tags.string, color: '#0a3069' },
  { tag: tags.atom, color: '#953800' },
  { tag: [tags.keyword, tags.operator], color: '#6639ba' },
  { tag: tags.standard(tags.variableName), color: '#0550ae' },
  { tag: tags.definition(tags.variableName), fontWeight: '600' },
  { tag: tags.propertyName, color: '#953800' },
])

/** The language with its highlighting, ready to add to an editor's extensions. */
export function notebook(): Extension {
  return [notebookLanguage, syntaxHighlighting(notebookHighlightStyle)]
}
