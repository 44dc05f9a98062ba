export * from './DummyClassifier.js';
export * from './DummyRegressor.js';
