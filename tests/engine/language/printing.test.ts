/**
 * Printing in Julia cells (engine/language/printing.ts): what println, print, show, display and
 * @show write, collected per cell run in order (from loops and from inside functions), kept
 * when the cell then fails, capped with a marker, and never the cell's value (println returns
 * nothing, as Julia's does; @show returns its expression's value).
 */
import { describe, expect, it } from 'vitest'
import '../../../engine/standard.ts'
import '../../../engine/language/julia/index.ts'
import { Scope, runCell, toJson } from '../../../engine/standard.ts'
import { PRINT_LIMITS } from '../../../engine/language/printing.ts'

const run = (source: string, scope = new Scope()) => runCell(source, scope, 'julia')

describe('println and friends write lines above the value', () => {
  it('a loop printing three lines, in order, and the cell value after it', () => {
    const r = run('s = 0\nfor i in 1:3\n  s += i\n  println("i = ", i, ", s = ", s)\nend\ns')
    expect(r.printed).toEqual(['i = 1, s = 1', 'i = 2, s = 3', 'i = 3, s = 6'])
    expect(r.ok && toJson(r.value)).toBe(6) // 1 + 2 + 3
  })

  it('a function that prints, each time it is called', () => {
    const scope = new Scope()
    run('function sq(x)\n  println("sq of ", x)\n  return x^2\nend', scope)
    const r = run('sq(2) + sq(3)', scope)
    expect(r.printed).toEqual(['sq of 2', 'sq of 3'])
    expect(r.ok && toJson(r.value)).toBe(13)
  })

  it('prints strings without quotes and values as the cell shows them; println returns nothing', () => {
    const r = run('a = [1, 2]\ny = println("a = ", a, " and ", 1.5)\ny')
    expect(r.printed).toEqual(['a = [1, 2] and 1.5'])
    expect(r.ok && r.value).toBeUndefined()
  })

  it('print continues the line; show keeps the quotes of text (Julia: show("s") prints "s")', () => {
    expect(run('print("x"); print(1); println(); show("s")').printed).toEqual(['x1', '"s"'])
  })

  it('println, show and @show write a matrix on one line, as Julia prints it ([1 2; 3 4])', () => {
    expect(run('M = [1 2; 3 4]\nprintln(M)\nshow(M)\nprintln()\n@show M').printed).toEqual([
      '[1 2; 3 4]',
      '[1 2; 3 4]',
      'M = [1 2; 3 4]',
    ])
  })

  it('display writes a matrix on several lines', () => {
    const lines = run('display([1 2; 3 4])').printed!
    expect(lines.length).toBe(3)
    expect(lines.slice(1).map((l) => l.trim().split(/\s+/))).toEqual([
      ['1', '2'],
      ['3', '4'],
    ])
  })

  it('@show prints the expression as typed and its value, and gives the value', () => {
    const r = run('x = 2\n@show x + 1')
    expect(r.printed).toEqual(['x + 1 = 3'])
    expect(r.ok && toJson(r.value)).toBe(3)
    expect(run('a = 1; b = [2, 3]\n@show a b').printed).toEqual(['a = 1', 'b = [2, 3]'])
  })

  it('a function being differentiated prints its values once per call (Zygote: the primal values)', () => {
    const r = run('g(x) = (println("x = ", x); @show x^2; x^2)\ngradient(g, 3.0)')
    expect(r.printed).toEqual(['x = 3', 'x^2 = 9'])
    expect(r.ok && toJson(r.value)).toEqual({ tuple: [6] }) // d/dx x² = 2x = 6
  })

  it('printing then an error keeps the printed lines and the error', () => {
    const r = run('println("before")\nsqrt(-1)')
    expect(r.ok).toBe(false)
    expect(r.printed).toEqual(['before'])
    expect(r.ok ? '' : r.error).toContain('sqrt(-1)')
  })

  it('each run collects its own lines; a cell that prints nothing has none', () => {
    const scope = new Scope()
    expect(run('println(1)', scope).printed).toEqual(['1'])
    expect(run('2 + 2', scope).printed).toBeUndefined()
  })

  it('caps the lines, saying how many more there were', () => {
    const n = PRINT_LIMITS.lines + 50
    const lines = run(`for i in 1:${n}\n  println(i)\nend`).printed!
    expect(lines.length).toBe(PRINT_LIMITS.lines + 1)
    expect(lines[0]).toBe('1')
    expect(lines[PRINT_LIMITS.lines - 1]).toBe(String(PRINT_LIMITS.lines))
    expect(lines.at(-1)).toBe('… 50 more lines not shown')
  })

  it('caps the characters, cutting the line that crosses the cap', () => {
    const lines = run(`v = ones(${PRINT_LIMITS.chars})\nprintln(v)\nprintln("after")`).printed!
    expect(lines[0]!.length).toBe(PRINT_LIMITS.chars + 1)
    expect(lines[0]!.endsWith('…')).toBe(true)
    expect(lines.at(-1)).toBe('… 1 more line not shown')
  })
})

describe('ad cells print too', () => {
  it('println and print write lines above the value', () => {
    const r = runCell('a = [1, 2]; print("a = "); println(a); a[1] + 1', new Scope(), 'ad')
    expect(r.printed).toEqual(['a = [1, 2]'])
    expect(r.ok && toJson(r.value)).toBe(2)
  })
})

describe('string interpolation and string()', () => {
  it('"$x" and "$(expr)" put values into text as println writes them (Julia: string interpolation)', () => {
    const r = run('x = 2; v = [1, 2]\nprintln("x = $x, x + 1 = $(x + 1), v = $v, \\$5")\nstring("a", 1, "b")')
    expect(r.printed).toEqual(['x = 2, x + 1 = 3, v = [1, 2], $5'])
    expect(r.ok && r.value).toBe('a1b')
  })
})
