export * from './basic.ts'
export * from './jacobians.ts'
export * from './hessians.ts'
