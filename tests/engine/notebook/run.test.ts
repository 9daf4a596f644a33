/**
 * Notebook files: Markdown whose fenced blocks tagged `ad` are code cells. Parsing finds them
 * (``` and ~~~ fences, longer fences, flags such as expect-error), leaves every other block to the
 * prose, and keeps enough to write the file back byte for byte. Running shares one scope across
 * the cells, in order, and an error in one cell does not stop the others.
 */
import fc from 'fast-check'
import { readFileSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { CodeCell, Notebook } from '../../../engine/standard.ts'
import {
  Scope,
  codeCells,
  expectsError,
  parseNotebook,
  runCell,
  runNotebook,
  serializeNotebook,
  toJson,
} from '../../../engine/standard.ts'
import { RUNS } from '../helpers.ts'

const CONTENT = fileURLToPath(new URL('../../../content/', import.meta.url))
const contentFiles = readdirSync(CONTENT).filter((f) => f.endsWith('.md'))

const cells = (text: string) => codeCells(parseNotebook(text))
const sources = (text: string) => cells(text).map((c) => c.source)
const roundTrip = (text: string) => serializeNotebook(parseNotebook(text))

describe('parseNotebook finds the code cells', () => {
  it('takes ```ad blocks as cells and the rest as prose', () => {
    const nb = parseNotebook('# Title\n\nSome prose.\n\n```ad\nx = 1\ny = 2\n```\n\nMore prose.\n')
    expect(nb.cells.map((c) => c.kind)).toEqual(['prose', 'code', 'prose'])
    expect(nb.cells[0]).toEqual({ kind: 'prose', text: '# Title\n\nSome prose.\n' })
    expect(nb.cells[1]).toMatchObject({ kind: 'code', source: 'x = 1\ny = 2', flags: [], fence: '```' })
    expect(nb.cells[2]).toEqual({ kind: 'prose', text: '\nMore prose.\n' })
  })

  it('accepts ~~~ fences and longer fences, which only a fence as long closes', () => {
    expect(sources('~~~ad\na = 1\n~~~\n')).toEqual(['a = 1'])
    expect(sources('````ad\nx = "```"\n```\ny = 2\n````\n')).toEqual(['x = "```"\n```\ny = 2'])
    expect(sources('~~~ad\na = 1\n```\n~~~~\n')).toEqual(['a = 1\n```'])
  })

  it('reads the flags after ad, such as expect-error', () => {
    const [plain, expected, spaced] = cells('```ad\n1\n```\n```ad expect-error\n2\n```\n``` ad  expect-error\n3\n```')
    expect(plain!.flags).toEqual([])
    expect(expectsError(plain!)).toBe(false)
    expect(expected!.flags).toEqual(['expect-error'])
    expect(expectsError(expected!)).toBe(true)
    expect(spaced!.flags).toEqual(['expect-error'])
    expect(expectsError(spaced!)).toBe(true)
  })

  it('leaves other languages’ code blocks (a shell block), and indented or unlabelled fences, in the prose', () => {
    const text = [
      'Intro',
      '```sh',
      'x = 1',
      '```ad',
      '```',
      '```',
      'plain block',
      '```',
      '  ```ad',
      'indented, so prose',
      '  ```',
      '```adder',
      'not ad either',
      '```',
      '```ad',
      'real = 1',
      '```',
    ].join('\n')
    const nb = parseNotebook(text)
    expect(codeCells(nb).map((c) => c.source)).toEqual(['real = 1'])
    expect(nb.cells[0]!.kind).toBe('prose')
    expect((nb.cells[0] as { text: string }).text).toContain('```sh\nx = 1\n```ad\n```')
    expect(roundTrip(text)).toBe(text)
  })

  it('keeps empty cells, cells at the very start and end, and cells back to back', () => {
    expect(sources('```ad\n```')).toEqual([''])
    const text = '```ad\na = 1\n```\n```ad\nb = 2\n```'
    expect(parseNotebook(text).cells.map((c) => c.kind)).toEqual(['code', 'code'])
    expect(roundTrip(text)).toBe(text)
  })

  it('runs an unclosed cell to the end of the file', () => {
    expect(sources('prose\n```ad\nx = 1\ny = 2')).toEqual(['x = 1\ny = 2'])
  })

  it('finds the seed session’s cells and its one expect-error cell', () => {
    // The seed session as its ad-syntax lesson was (the lesson in content/ is Julia now).
    const cs = cells(
      readFileSync(fileURLToPath(new URL('../fixtures/ad-lessons/seed-session.md', import.meta.url)), 'utf8'),
    )
    // Twelve cells replay the session; three more show it in the teaching panels.
    expect(cs.length).toBe(15)
    expect(cs.filter(expectsError).map((c) => c.source)).toEqual(['gradient(g, x1)'])
    expect(cs.slice(12).map((c) => c.source)).toEqual([
      'show_pullbacks(g, x1)',
      'show_sum_trap(g, x1)',
      'show_hessian(f, x1)',
    ])
    expect(cs[0]!.source).toBe('A = [0, 3, 2; 1, 0, 3; 2, 1, 0]\nx1 = [0, 1, 2]\nf(x) = sum(abs2, A * x)\nf(x1)')
  })
})

describe('serializeNotebook(parseNotebook(s)) === s', () => {
  it.each(contentFiles)('content/%s', (file) => {
    const text = readFileSync(CONTENT + file, 'utf8')
    expect(roundTrip(text)).toBe(text)
  })

  it.each([
    ['an empty file', ''],
    ['prose only', 'Just words.\n\nMore words.'],
    ['no trailing newline', '```ad\nx = 1\n```'],
    ['blank lines around cells', '\n\n```ad\nx = 1\n```\n\n\n'],
    ['~~~ and long fences', '~~~ad\na\n~~~\n`````ad expect-error\nb\n`````\n'],
    ['a closing fence longer than the opening one', '```ad\nx = 1\n`````\nprose'],
    ['a closing fence indented, with trailing spaces', '```ad\nx = 1\n  ```  \nprose'],
    ['spaces between the fence and ad', '```  ad expect-error  \nx\n```\n'],
    ['an unclosed cell', 'prose\n```ad\nx = 1\n'],
    ['an unclosed cell without a newline', 'prose\n```ad\nx = 1'],
    ['an unclosed other block', 'prose\n```js\nlet x\n'],
    ['Windows line endings', 'prose\r\n```ad\r\nx = 1\r\n```\r\nmore\r\n'],
    ['a cell with blank lines inside', '```ad\n\nx = 1\n\n\ny = 2\n\n```'],
    ['a cell of one blank line', '```ad\n\n```\n```ad\n```'],
    ['an unclosed cell of one blank line', 'prose\n```ad\n'],
  ])('%s', (_, text) => {
    expect(roundTrip(text)).toBe(text)
  })

  it('for generated notebooks of prose, fences of every kind, and code', () => {
    const proseLine = fc.constantFrom(
      '',
      'Text with `code` and $x^2$.',
      '# Heading',
      '    indented',
      '  ```ad',
      '- item',
    )
    const codeLine = fc.constantFrom('x = 1', '', '  y = [1,', '  2]', '# comment', '~~~', '```python', 's = "a;b"')
    const fence = fc.constantFrom('```', '~~~', '````', '~~~~~')
    const info = fc.constantFrom('ad', 'ad expect-error', ' ad', 'ad  ', 'python', '', 'adder')
    const closeExtra = fc.constantFrom('', '`', '~', ' ', '  ')
    const block = fc
      .tuple(fence, info, fc.array(codeLine, { minLength: 1, maxLength: 4 }), closeExtra, fc.boolean())
      .map(([f, i, body, extra, closed]) => {
        // a closing fence is the same character, at least as long, with only spaces after it
        const close = extra.trim() === '' || extra[0] === f[0] ? f + extra : f
        // A body line that closes the fence early is fine: the round trip must still hold.
        return [f + i, ...body, ...(closed ? [close] : [])].join('\n')
      })
    const doc = fc.array(fc.oneof(proseLine, block), { maxLength: 8 }).map((parts) => parts.join('\n'))
    fc.assert(
      fc.property(doc, fc.boolean(), (text, newline) => {
        const t = newline ? text + '\n' : text
        expect(roundTrip(t)).toBe(t)
      }),
      RUNS,
    )
  })

  it('writes a new cell with its fence, and edits round-trip through the file', () => {
    const nb: Notebook = {
      cells: [
        { kind: 'prose', text: 'Intro' },
        { kind: 'code', language: 'ad', source: 'x = 2', flags: [], fence: '```', info: 'ad' },
        { kind: 'code', language: 'ad', source: '', flags: ['expect-error'], fence: '~~~', info: 'ad expect-error' },
      ],
    }
    const text = serializeNotebook(nb)
    expect(text).toBe('Intro\n```ad\nx = 2\n```\n~~~ad expect-error\n~~~')
    const back = parseNotebook(text)
    ;(back.cells[1] as CodeCell).source = 'x = 3'
    expect(serializeNotebook(back)).toBe('Intro\n```ad\nx = 3\n```\n~~~ad expect-error\n~~~')
  })
})

describe('runCell and runNotebook', () => {
  it('runCell gives the last value, or an error with its place and cause', () => {
    const scope = new Scope()
    const good = runCell('a = 2\na * 3', scope)
    expect(good.ok).toBe(true)
    if (good.ok) expect(toJson(good.value)).toBe(6)
    const bad = runCell('b = a\nc = nosuch', scope)
    expect(bad.ok).toBe(false)
    if (!bad.ok) {
      expect(bad.error).toMatch(/^line 2: nosuch is not defined/)
      expect(bad.cause).toBeInstanceOf(Error)
    }
    expect(scope.vars.has('b')).toBe(true)
  })

  it('runNotebook runs the cells in order in one shared scope', () => {
    const text = [
      'Define things.',
      '```ad',
      'a = 3',
      'sq(x) = x ^ 2',
      '```',
      'Use them in another cell.',
      '```ad',
      'sq(a) + 1',
      '```',
      '```ad expect-error',
      'sq(nosuch)',
      '```',
      'An error does not stop the next cell.',
      '~~~ad',
      'b = gradient(q(v) = a * sum(v .* v), [1, 2])',
      '~~~',
    ].join('\n')
    const results = runNotebook(parseNotebook(text))
    expect(results.map((r) => r.result.ok)).toEqual([true, true, false, true])
    expect(results.map((r) => expectsError(r.cell))).toEqual([false, false, true, false])
    const values = results.map((r) => (r.result.ok ? toJson(r.result.value) : r.result.error))
    expect(values[0]).toEqual({ function: 'sq(x) = x ^ 2' })
    expect(values[1]).toBe(10)
    expect(values[2]).toContain('nosuch is not defined')
    expect(values[3]).toEqual([6, 12])
  })

  it('runNotebook can continue in a scope it is given', () => {
    const scope = new Scope()
    runNotebook(parseNotebook('```ad\nk = 7\n```'), scope)
    const [r] = runNotebook(parseNotebook('```ad\nk * 2\n```'), scope)
    expect(r!.result.ok && toJson(r!.result.value)).toBe(14)
  })

  it('the seed session gives the numbers worked out by hand', () => {
    const results = runNotebook(parseNotebook(readFileSync(CONTENT + 'seed-session.md', 'utf8')))
    const out = results.map(({ result }) => (result.ok ? toJson(result.value) : { error: result.error }))
    const H = [
      [10, 4, 6],
      [4, 20, 12],
      [6, 12, 26],
    ]
    expect(out.slice(0, 3)).toEqual([86, [16, 44, 64], [16, 44, 64]])
    expect(out[3]).toMatchObject({ error: expect.stringContaining('scalar output') })
    expect(out[4]).toEqual(H)
    expect(out[5]).toEqual(H)
    expect(out[8]).toEqual([20, 36, 44])
    expect(out[9]).toEqual([20, 36, 44])
    // Zygote's back(w) is a tuple, one entry per argument (the lesson is in Julia cells).
    expect(out[10]).toEqual({ tuple: [H[1]] })
    expect(out[11]).toEqual(H.map((r) => r[0]))
    results.forEach(({ cell, result }) => expect(result.ok, cell.source).toBe(!expectsError(cell)))
  })
})

describe('where a runtime error is placed in a Julia cell', () => {
  it('at the failing expression’s line and column, with the text as typed', () => {
    const r = runCell('z = 1\nw = nosuch(2) + 1', new Scope(), 'julia')
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatch(/^line 2, column 5, in nosuch\(2\): nosuch is not defined/)
  })

  it('inside a function another cell defined: on this cell’s calling statement, never at the other cell’s place', () => {
    const scope = new Scope()
    runCell('function gg(x)\n  y = 2x\n  nothere(y)\nend', scope, 'julia')
    const r = runCell('a = 1\n\ngg(a)', scope, 'julia')
    expect(r.ok).toBe(false)
    if (!r.ok) {
      // Line 3 is this cell's gg(a); the other cell's line 3 would have been a coincidence, so
      // the column (which would be nothere's, 3) must not appear either.
      expect(r.error).toMatch(/^line 3, in nothere\(y\): nothere is not defined \(inside gg\)/)
      expect((r.cause as { span: { at?: unknown } }).span.at).toBeUndefined()
    }
  })
})
