/**
 * The engine's layers and the size of files (eslint.config.js): the lint rules must reject an
 * import that points up or sideways, accept one that points down, and reject a file over 400
 * lines. Linting text as if it stood at a given path shows the rules work; `npm run lint` then
 * holds the whole tree to them.
 */
import { readFileSync } from 'node:fs'
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname })

async function importErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('engine layers', () => {
  // The first lint loads the real config and typescript-eslint's parser, seconds on a busy
  // machine; that start-up is paid here, once, so each case below only lints.
  beforeAll(() => eslint.lintText('', { filePath: 'engine/warm-up.ts' }), 60_000)

  it('rejects the fixture that imports the notebook from the language', async () => {
    const fixture = readFileSync(new URL('./fixtures/upward-import.ts.txt', import.meta.url), 'utf8')
    const errors = await importErrors(fixture, 'engine/language/upward-import.ts')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/engine\/language may import only from the layers below it/)
  })

  it('accepts the same import one layer up', async () => {
    const fixture = readFileSync(new URL('./fixtures/upward-import.ts.txt', import.meta.url), 'utf8')
    expect(await importErrors(fixture, 'engine/course/upward-import.ts')).toEqual([])
  })

  it.each([
    ['engine/ad/x.ts', "import { add } from '../ops/elementwise.ts'"],
    ['engine/ops/x.ts', "import { gradient } from '../transforms/index.ts'"],
    ['engine/transforms/x.ts', "import { Scope } from '../language/interpreter.ts'"],
    ['engine/language/deep/x.ts', "import { panelBuiltins } from '../../panels/index.ts'"],
    ['engine/notebook/x.ts', "import { plotBuiltins } from '../plots/plots.ts'"],
    ['engine/panels/x.ts', "import { checkNotebook } from '../course/check.ts'"],
    ['engine/course/x.ts', "import { toDisplay } from '../output/display.ts'"],
    ['engine/ops/x.ts', "import { gradient } from '../index.ts'"],
    ['engine/tensor/x.ts', "import React from 'react'"],
    ['engine/errors.ts', "import { scalar } from './tensor/tensor.ts'"],
  ])('rejects an upward or sideways import in %s', async (path, code) => {
    expect(await importErrors(code, path)).toHaveLength(1)
  })

  it.each([
    ['engine/ops/x.ts', "import { bind } from '../ad/bind.ts'"],
    ['engine/panels/x.ts', "import { plotBuiltins } from '../plots/plots.ts'"],
    ['engine/output/x.ts', "import { panelSpecOf } from '../panels/index.ts'"],
    ['engine/limits.ts', "import { sizeOf } from './tensor/tensor.ts'"],
  ])('accepts a downward import in %s', async (path, code) => {
    expect(await importErrors(code, path)).toEqual([])
  })

  it.each(['engine/language/long.ts', 'app/components/Long.tsx'])(
    'refuses a file over 400 lines in %s',
    async (path) => {
      const lines = (n: number) => Array.from({ length: n }, (_, k) => `export const x${k} = ${k}`).join('\n')
      const ruled = async (n: number) => {
        const [result] = await eslint.lintText(lines(n), { filePath: path })
        return result!.messages.filter((m) => m.ruleId === 'max-lines')
      }
      expect(await ruled(400)).toEqual([])
      expect(await ruled(401)).toHaveLength(1)
    },
  )
})
