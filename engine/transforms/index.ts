/** The transforms: derivative, gradient, pullback, vjp, jvp, Jacobians, Hessians, hvp, tf_gradients. */
export * from './basic.ts'
export * from './jacobians.ts'
export * from './hessians.ts'
