/**
 * Long chains of operators (x = 1+1+...+1) must give their value, in a browser worker too,
 * whose stack is smaller than Node's: measured with Chromium 14x, a trivial recursion reaches
 * about 10,300 frames in a dedicated worker (20,500 on the page), and Node at --stack-size=984
 * (its default) 13,900, at 250 about 3,500. So chains.fixture.ts runs in a Node started with
 * a 250 KB stack, a third of a worker's: before the tree was walked with loops along chains,
 * the analysis overflowed there on 1,000 terms, the failure learners met in the app.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const fixture = fileURLToPath(new URL('./chains.fixture.ts', import.meta.url))

describe('long chains at a worker’s stack size', () => {
  const run = spawnSync(process.execPath, ['--stack-size=250', '--import', 'tsx', fixture], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  const out = () => {
    expect(run.stderr).toBe('')
    return JSON.parse(run.stdout) as Record<string, Record<string, unknown>>
  }

  it('x = 1+1+...+1 gives its value with 1,000 and 10,000 terms, in the analysis and the interpreter', () => {
    expect(out().sum1000).toEqual({ defines: ['x'], value: 1000 })
    expect(out().sum10000).toEqual({ defines: ['x'], value: 10000 })
  })

  it('a function whose body is a long chain runs, prints as source and LaTeX, and is analysed', () => {
    // f(x) = x - x/2 - x/2 ... (999 halves) at 2 is 2 - 999.
    expect(out().function).toEqual({ value: -997, sourceLength: 8000, texLength: 13014, uses: ['c'] })
  })

  it('5,000 nested parentheses are an error on that cell only, saying what to do; the next cell runs', () => {
    const { deep, after } = out()
    expect(deep).toEqual({
      analysis: 'syntax error: the expression nests too deeply to read: split it into several statements',
      run: 'line 1: syntax error: the expression nests too deeply to read: split it into several statements',
    })
    expect(after).toBe(10001)
  })
})
