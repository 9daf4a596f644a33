/**
 * The languages a code cell can be written in (a fence's info string names one). A module of its
 * own, apart from cell.ts, which imports every front-end's parser: the page reads notebook files
 * and exercises with this alone, and leaves the parsers (mathjs among them) to the worker.
 */
export type CellLanguage = 'ad' | 'julia' | 'python'

export const CELL_LANGUAGES: readonly CellLanguage[] = ['ad', 'julia', 'python']
