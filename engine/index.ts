/**
 * The engine's public surface: tensors, operations, transforms, traces and errors.
 * Pure TypeScript with no DOM and no React: it runs unchanged in Node, a browser and a worker.
 */
export * from './tensor/tensor.ts'
export * from './errors.ts'
export * from './ops/index.ts'
export * from './transforms/index.ts'
export type { Value } from './ad/value.ts'
export { Box, Dual, TapeNode, concrete, isValue } from './ad/value.ts'
export type { Pullback } from './ad/reverse.ts'
export { record } from './ad/trace.ts'
export type { Trace, TraceStep, Counters, Mode } from './ad/trace.ts'
export { onProgress } from './ad/progress.ts'
