/**
 * Run by chains.test.ts in a Node started with a small stack (as small as a browser worker's):
 * long chains of operators through the analysis, the interpreter and the printers, a deeply
 * nested cell that must fail alone, and a cell after it that must still run. Prints JSON.
 */
import { Scope, analyzeCell, isFunction, runCell, toJson } from '../../../../engine/standard.ts'

const sum = (terms: number) => `1${'+1'.repeat(terms - 1)}`
const out: Record<string, unknown> = {}
const scope = new Scope()
for (const terms of [1000, 10000]) {
  const source = `x = ${sum(terms)}`
  const analysis = analyzeCell(source)
  const result = runCell(source, scope)
  out[`sum${terms}`] = {
    defines: analysis.defines,
    syntaxError: analysis.syntaxError?.message,
    value: result.ok ? toJson(result.value) : result.error,
  }
}
const body = `x${' - x / 2'.repeat(999)}`
const f = runCell(`f(x) = ${body}`, scope)
const fx = runCell('f(2)', scope)
const fn = f.ok && isFunction(f.value) ? f.value : undefined
out.function = {
  value: fx.ok ? toJson(fx.value) : fx.error,
  sourceLength: fn?.source.length,
  texLength: fn?.tex?.length,
  uses: analyzeCell(`g(y) = ${body.replace(/x/g, 'y')} + c`).uses,
}
const deep = `y = ${'('.repeat(5000)}1${')'.repeat(5000)}`
const deepRun = runCell(deep, scope)
out.deep = { analysis: analyzeCell(deep).syntaxError?.message, run: deepRun.ok ? 'ran' : deepRun.error }
const after = runCell('z = x + 1', scope)
out.after = after.ok ? toJson(after.value) : after.error
process.stdout.write(JSON.stringify(out))
