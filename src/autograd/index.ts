export * from './tape.js';
export * from './backward.js';
