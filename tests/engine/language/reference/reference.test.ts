/**
 * The language reference cannot drift: every builtin, constant, Julia overlay name and package
 * member, and every kind of the syntax tree the interpreter runs, has an entry; no entry
 * describes a name that is gone; and every example runs as typed in its cell language.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import '../../../../engine/standard.ts'
import '../../../../engine/language/julia/index.ts'
import { Scope, runCell } from '../../../../engine/standard.ts'
import { missingDocs, referenceEntries, staleDocs } from '../../../../engine/language/reference/index.ts'

/** The node kinds of the syntax tree, read from its definition. */
function treeKinds(): string[] {
  const source = readFileSync(new URL('../../../../engine/language/syntax/tree.ts', import.meta.url), 'utf8')
  const kinds = [...source.matchAll(/kind: ((?:'[a-z-]+'(?: \| )?)+)/g)].flatMap((m) =>
    [...m[1]!.matchAll(/'([a-z-]+)'/g)].map((k) => k[1]!),
  )
  // Not syntax a learner writes: a construct kept only to be refused, and Python's with (no Python cells yet).
  return [...new Set(kinds)].filter((k) => k !== 'unsupported' && k !== 'with')
}

describe('the language reference', () => {
  it('reads the syntax tree’s kinds (the check below can fail)', () => {
    expect(treeKinds()).toEqual(expect.arrayContaining(['call', 'function', 'comprehension', 'tuple-target', 'break']))
  })

  it('has words for every builtin, constant, Julia name, package member and syntax kind', () => {
    expect(missingDocs(treeKinds())).toEqual([])
  })

  it('has no words for names the language no longer has', () => {
    expect(staleDocs()).toEqual([])
  })

  it('lists each entry with its usage from the tables', () => {
    const entries = referenceEntries()
    const gradient = entries.filter((e) => e.name === 'gradient')
    expect(gradient.map((e) => e.language).sort()).toEqual(['ad', 'julia'])
    expect(gradient.find((e) => e.language === 'ad')).toMatchObject({ usage: 'gradient(f, x)', kind: 'transform' })
    expect(entries.find((e) => e.name === 'Zygote')?.members).toContain('pullback')
    expect(new Set(entries.map((e) => `${e.language} ${e.anchor}`)).size).toBe(entries.length)
  })

  const entries = referenceEntries()
  it.each(entries.map((e) => [`${e.language} ${e.name}`, e] as const))('%s: its example runs as typed', (_, e) => {
    const result = runCell(e.example, new Scope(), e.language)
    expect(result.ok, `${e.example}\n→ ${result.ok ? '' : result.error}`).toBe(true)
  })
})
