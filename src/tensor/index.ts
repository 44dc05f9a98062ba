export * from './dtype.js';
export * from './shape.js';
export * from './Tensor.js';
export * from './CsrMatrix.js';
