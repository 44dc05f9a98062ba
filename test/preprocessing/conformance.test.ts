import { DummyClassifier } from '../../src/estimators/dummy/DummyClassifier.js';
import { DummyRegressor } from '../../src/estimators/dummy/DummyRegressor.js';
import { ColumnTransformer } from '../../src/preprocessing/ColumnTransformer.js';
import { MaxAbsScaler } from '../../src/preprocessing/MaxAbsScaler.js';
import { MinMaxScaler } from '../../src/preprocessing/MinMaxScaler.js';
import { Normalizer } from '../../src/preprocessing/Normalizer.js';
import { OneHotEncoder } from '../../src/preprocessing/OneHotEncoder.js';
import { OrdinalEncoder } from '../../src/preprocessing/OrdinalEncoder.js';
import { Pipeline } from '../../src/preprocessing/Pipeline.js';
import { PolynomialFeatures } from '../../src/preprocessing/PolynomialFeatures.js';
import { RobustScaler } from '../../src/preprocessing/RobustScaler.js';
import { SimpleImputer } from '../../src/preprocessing/SimpleImputer.js';
import { StandardScaler } from '../../src/preprocessing/StandardScaler.js';
import { type ConformanceCase, runConformance } from '../estimators/base/conformance.js';

// Scalers and imputers take NaN as "missing" (scikit-learn's allow_nan); Normalizer and PolynomialFeatures reject it.
const cases: ConformanceCase[] = [
  { name: 'StandardScaler()', kind: 'transformer', make: () => new StandardScaler(), allowNaN: true },
  {
    name: 'StandardScaler(withMean=false)',
    kind: 'transformer',
    make: () => new StandardScaler({ withMean: false }),
    allowNaN: true,
    sparse: true,
  },
  {
    name: 'MinMaxScaler(featureRange=[-1, 2])',
    kind: 'transformer',
    make: () => new MinMaxScaler({ featureRange: [-1, 2] }),
    allowNaN: true,
  },
  { name: 'MaxAbsScaler()', kind: 'transformer', make: () => new MaxAbsScaler(), allowNaN: true, sparse: true },
  { name: 'RobustScaler()', kind: 'transformer', make: () => new RobustScaler(), allowNaN: true },
  {
    name: 'RobustScaler(withCentering=false)',
    kind: 'transformer',
    make: () => new RobustScaler({ withCentering: false }),
    allowNaN: true,
    sparse: true,
  },
  { name: 'Normalizer(l1)', kind: 'transformer', make: () => new Normalizer({ norm: 'l1' }), sparse: true },
  { name: 'PolynomialFeatures(degree=3)', kind: 'transformer', make: () => new PolynomialFeatures({ degree: 3 }) },
  {
    name: 'OneHotEncoder(dense)',
    kind: 'transformer',
    make: () => new OneHotEncoder({ sparseOutput: false }),
    allowNaN: true,
    sparse: true,
  },
  {
    name: 'OneHotEncoder(sparse, drop=first)',
    kind: 'transformer',
    make: () => new OneHotEncoder({ drop: 'first' }),
    allowNaN: true,
  },
  { name: 'OrdinalEncoder()', kind: 'transformer', make: () => new OrdinalEncoder(), allowNaN: true, sparse: true },
  {
    name: 'SimpleImputer(median)',
    kind: 'transformer',
    make: () => new SimpleImputer({ strategy: 'median' }),
    allowNaN: true,
  },
  {
    name: 'ColumnTransformer(scale 0-1, passthrough 2)',
    kind: 'transformer',
    make: () =>
      new ColumnTransformer({
        transformers: [
          ['s', new StandardScaler(), [0, 1]],
          ['p', 'passthrough', [2]],
        ],
      }),
    allowNaN: true,
  },
  {
    name: 'Pipeline(StandardScaler, DummyRegressor)',
    kind: 'regressor',
    make: () =>
      new Pipeline({
        steps: [
          ['scale', new StandardScaler()],
          ['reg', new DummyRegressor({ strategy: 'median' })],
        ],
      }),
    allowNaN: true,
  },
  {
    name: 'Pipeline(MinMaxScaler, DummyClassifier)',
    kind: 'classifier',
    make: () =>
      new Pipeline({
        steps: [
          ['mm', new MinMaxScaler()],
          ['clf', new DummyClassifier({ strategy: 'prior' })],
        ],
      }),
    allowNaN: true,
  },
  {
    name: 'Pipeline(transformers only)',
    kind: 'transformer',
    make: () =>
      new Pipeline({
        steps: [
          ['poly', new PolynomialFeatures()],
          ['skip', 'passthrough'],
          ['scale', new MaxAbsScaler()],
        ],
      }),
  },
];
for (const c of cases) runConformance(c);
