/**
 * Which entries of the language reference an error message names, so that the error can link
 * to them ("see gradient in the reference"): the builtin the message starts with ("hessian
 * needs ...", "Zygote.gradient takes ..."), and the builtins it writes as calls
 * ("jacobian(g, x1)"). Plain words that happen to be names ("the first entry") are not calls
 * and are not linked. Only the words' tables are read, so the page can use this cheaply.
 */
import { CORE_DOCS } from './core.ts'
import { JULIA_DOCS } from './julia.ts'

const DOCUMENTED = new Set([...Object.keys(CORE_DOCS), ...Object.keys(JULIA_DOCS)])
const NAME = /[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)?/u

/** At most `max` reference names an error message refers to, in the order it mentions them. */
export function referencedNames(message: string, max = 3): string[] {
  // "line 2, in gradient(g, x1): gradient needs ...": the message proper starts after the place.
  const body = message.replace(/^line \d+(?:, column \d+)?(?:, in .*?)?: /, '')
  const found: string[] = []
  const add = (written: string) => {
    // Zygote.gradient is documented as gradient; ForwardDiff.gradient under its own name.
    const name = DOCUMENTED.has(written) ? written : written.slice(written.indexOf('.') + 1)
    if (DOCUMENTED.has(name) && !found.includes(name)) found.push(name)
  }
  const lead = new RegExp(`^${NAME.source}`, 'u').exec(body)
  if (lead) add(lead[0])
  for (const m of body.matchAll(new RegExp(`(?<![\\p{L}\\p{N}_.])(${NAME.source})\\(`, 'gu'))) add(m[1]!)
  return found.slice(0, max)
}
