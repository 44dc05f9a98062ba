export * from './FeatureHasher.js';
export * from './murmurhash3.js';
