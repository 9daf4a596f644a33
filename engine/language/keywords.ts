/**
 * Which functions take keyword arguments, and the call that accepts them. A module of its own
 * with no imports of values, so builtins made while the language's modules are still loading
 * (transforms with a `chunk` keyword) can register here whatever the import order.
 */
import type { LangFunction, LangValue } from './values.ts'

export type KeywordCall = (args: LangValue[], keywords: Map<string, LangValue>) => LangValue

const keywordCalls = new WeakMap<LangFunction, KeywordCall>()

export function acceptsKeywords(f: LangFunction, call: KeywordCall): void {
  keywordCalls.set(f, call)
}

export function keywordCallOf(f: LangFunction): KeywordCall | undefined {
  return keywordCalls.get(f)
}
