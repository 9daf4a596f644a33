import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The engine imports no React and no DOM, so it runs in Node, the browser and a worker alike.
const pure = ['react', 'react-dom', 'react/*', '**/app/*', '**/app/**']

/**
 * The engine's layers, lowest first. A folder may import only from layers below its own: not
 * from above, nor from a sibling on its own layer. errors.ts and limits.ts are below them all
 * (limits.ts reads tensor shapes).
 * The course and the panels sit on the notebook; output (what the page is sent), standard.ts
 * (the language with its whole library) and the CLI sit on top.
 */
const layers = [
  ['tensor'],
  ['ad'],
  ['ops'],
  ['transforms'],
  ['language'],
  ['notebook', 'plots'],
  ['course', 'panels'],
  ['output', 'cli'],
]
/** The folders a folder on this level must not import: every later level, and its siblings. */
const above = (level, self) =>
  layers
    .slice(level)
    .flat()
    .filter((n) => n !== self)
const topFiles = '(index|standard)\\.ts'
const layerRule = (forbidden, message) => [
  'error',
  {
    patterns: [
      { group: pure, message: 'the engine imports no React, DOM or app code' },
      ...(forbidden.length > 0 ? [{ regex: `^(\\.\\./)+(${forbidden.join('|')})/`, message }] : []),
      { regex: `^(\\.\\./)+${topFiles}$`, message: 'only the top of the engine imports index.ts or standard.ts' },
    ],
  },
]
const bottomRule = (regex) => [
  'error',
  { patterns: [{ group: pure }, { regex, message: 'errors.ts and limits.ts are the bottom of the engine' }] },
]
const layerConfigs = layers.flatMap((names, level) =>
  names.map((name) => ({
    files: [`engine/${name}/**/*.ts`],
    rules: {
      'no-restricted-imports': layerRule(
        above(level, name),
        `engine/${name} may import only from the layers below it (${
          layers.slice(0, level).flat().join(', ') || 'errors.ts and limits.ts'
        }): see eslint.config.js`,
      ),
    },
  })),
)

export default tseslint.config(
  // The Python parser is generated from its grammar (npm run grammar).
  {
    ignores: ['dist/', 'node_modules/', 'coverage/', 'public/', 'engine/language/frontends/python/grammar/parser*.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The notebook language must never execute user text as JavaScript.
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['engine/**/*.ts'],
    rules: { 'no-restricted-imports': layerRule([], '') },
  },
  {
    // Small files: one concern each. A file that grows past this is split by concern.
    files: ['app/**/*.{ts,tsx}', 'engine/**/*.ts'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    // errors.ts is the bottom layer; limits.ts sits on the tensors, whose sizes it checks.
    files: ['engine/errors.ts'],
    rules: { 'no-restricted-imports': bottomRule('^\\./[a-z]+/') },
  },
  {
    files: ['engine/limits.ts'],
    rules: { 'no-restricted-imports': bottomRule('^\\./(?!tensor/)[a-z]+/') },
  },
  ...layerConfigs,
)
