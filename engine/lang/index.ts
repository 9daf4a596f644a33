/** The notebook language: parse, evaluate, and run notebook files. No DOM; runs anywhere. */
export * from './values.ts'
export * from './errors.ts'
export * from './notebook.ts'
export * from './format.ts'
export { Scope, evaluate, parseStatement } from './interpreter.ts'
export { BUILTINS, CONSTANTS } from './builtins.ts'
export { splitStatements } from './statements.ts'
