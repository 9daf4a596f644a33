/**
 * The transforms: derivative, gradient, pullback, vjp, jvp, Jacobians, Hessians, hvp,
 * tf_gradients, and vmap (the batching level whose chunks the Jacobians and Hessians use).
 */
export * from './basic.ts'
export * from './jacobians.ts'
export * from './hessians.ts'
export * from './vmap.ts'
