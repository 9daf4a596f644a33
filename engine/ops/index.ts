/** The engine's operations, in one import. */
export * from './elementwise.ts'
export * from './structure.ts'
export * from './linalg.ts'
export * from './compare.ts'
export * from './derived.ts'
export * from './reductions.ts'
export * from './arrays.ts'
export * from './rounding.ts'
