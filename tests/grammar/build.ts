/**
 * `npm run grammar`: regenerates the Python cells' parser from its grammar
 * (engine/language/frontends/python/grammar/python.grammar) with @lezer/generator, and stamps
 * the grammar's SHA-256 into the parser, so a test can tell cheaply that the two still match
 * (generating the parser takes seconds; hashing the grammar does not).
 */
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { buildParserFile } from '@lezer/generator'

export const GRAMMAR_DIR = new URL('../../engine/language/frontends/python/grammar/', import.meta.url)

export function grammarStamp(grammar: string): string {
  return `// python.grammar sha256 ${createHash('sha256').update(grammar).digest('hex')}\n`
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const grammar = readFileSync(new URL('python.grammar', GRAMMAR_DIR), 'utf8')
  const built = buildParserFile(grammar, { fileName: 'python.grammar', typeScript: true, moduleStyle: 'es' })
  writeFileSync(new URL('parser.ts', GRAMMAR_DIR), grammarStamp(grammar) + built.parser)
  writeFileSync(new URL('parser.terms.ts', GRAMMAR_DIR), built.terms)
  console.log('grammar: wrote parser.ts and parser.terms.ts')
}
