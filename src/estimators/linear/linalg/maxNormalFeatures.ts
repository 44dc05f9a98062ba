/** Largest feature count for which the solvers form a features × features Gram matrix. */
export const MAX_NORMAL_FEATURES = 10_000;
