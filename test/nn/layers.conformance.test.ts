import { describe, it } from 'vitest';
import { Tensor, zeros, scalar } from '../../src/index.js';
import * as nn from '../../src/nn/index.js';
import {
  type LayerCase,
  checkBadInput,
  checkConfigRoundTrip,
  checkGradients,
  checkOutputShape,
  checkSaveLoad,
} from './layerHarness.js';

/**
 * Every layer through one harness (Keras' layer test case): output shape (concrete and symbolic), finite-difference
 * gradients of inputs and weights in float64, getConfig round trip, save/load round trip inside a model, and a bad
 * input rejected with a pinned message naming the layer.
 */

type D = 'float32' | 'float64';

const ids = (shapes: number[][], seed: number): Tensor[] =>
  shapes.map(
    (s) =>
      new Tensor(
        Int32Array.from({ length: s.reduce((a, b) => a * b, 1) }, (_, i) => (i * 3 + seed) % 5),
        s,
      ),
  );

const rank3 = (name: string, cls: string, shape: string): string =>
  `${cls} "${name}": expected input of rank 3 [batch, timesteps, features], received shape ${shape}.`;

const cases: LayerCase[] = [
  {
    name: 'Dense',
    make: (dtype: D) => new nn.Dense({ units: 3, activation: 'tanh', name: 'd', dtype }),
    inputShapes: [[2, 4]],
    outputShape: [2, 3],
    bad: {
      call: (l) => {
        l.apply(zeros([2, 4]));
        return l.apply(zeros([2, 5]));
      },
      message: 'Dense "d": expected last dimension 4, received shape [2, 5].',
    },
  },
  {
    name: 'Dense on rank-3 input',
    make: (dtype: D) => new nn.Dense({ units: 3, useBias: false, name: 'd3', dtype }),
    inputShapes: [[2, 3, 4]],
    outputShape: [2, 3, 3],
    bad: { call: (l) => l.apply(zeros([4])), message: 'Dense "d3": expected input of rank >= 2, received shape [4].' },
  },
  {
    name: 'Conv2D valid',
    make: (dtype: D) => new nn.Conv2D({ filters: 2, kernelSize: [3, 2], name: 'c', dtype }),
    inputShapes: [[2, 5, 4, 3]],
    outputShape: [2, 3, 3, 2],
    bad: {
      call: (l) => l.apply(zeros([2, 5, 5])),
      message: 'Conv2D "c": expected input of rank 4 [batch, height, width, channels], received shape [2, 5, 5].',
    },
  },
  {
    name: 'Conv2D same, stride 2, sigmoid',
    make: (dtype: D) =>
      new nn.Conv2D({
        filters: 3,
        kernelSize: 3,
        strides: 2,
        padding: 'same',
        activation: 'sigmoid',
        name: 'cs',
        dtype,
      }),
    inputShapes: [[1, 5, 5, 2]],
    outputShape: [1, 3, 3, 3],
    bad: {
      call: (l) => {
        l.apply(zeros([1, 5, 5, 2]));
        return l.apply(zeros([1, 5, 5, 3]));
      },
      message: 'Conv2D "cs": expected last dimension 2, received shape [1, 5, 5, 3].',
    },
  },
  {
    name: 'MaxPooling2D',
    make: (dtype: D) => new nn.MaxPooling2D({ poolSize: 2, name: 'mp', dtype }),
    inputShapes: [[2, 4, 4, 3]],
    outputShape: [2, 2, 2, 3],
    bad: {
      call: (l) => l.apply(zeros([2, 1, 4, 3])),
      message: 'MaxPooling2D "mp": the 2×2 window does not fit input shape [2, 1, 4, 3] with padding \'valid\'.',
    },
  },
  {
    name: 'AveragePooling2D same, stride 1',
    make: (dtype: D) => new nn.AveragePooling2D({ poolSize: 2, strides: 1, padding: 'same', name: 'ap', dtype }),
    inputShapes: [[1, 3, 3, 2]],
    outputShape: [1, 3, 3, 2],
    bad: {
      call: (l) => l.apply(zeros([3, 3, 2])),
      message:
        'AveragePooling2D "ap": expected input of rank 4 [batch, height, width, channels], received shape [3, 3, 2].',
    },
  },
  {
    name: 'GlobalAveragePooling2D',
    make: (dtype: D) => new nn.GlobalAveragePooling2D({ name: 'gap', dtype }),
    inputShapes: [[2, 3, 3, 4]],
    outputShape: [2, 4],
    bad: {
      call: (l) => l.apply(zeros([2, 3, 4])),
      message:
        'GlobalAveragePooling2D "gap": expected input of rank 4 [batch, height, width, channels], received shape [2, 3, 4].',
    },
  },
  {
    name: 'GlobalMaxPooling2D (keepdims)',
    make: (dtype: D) => new nn.GlobalMaxPooling2D({ keepdims: true, name: 'gmp', dtype }),
    inputShapes: [[2, 3, 2, 2]],
    outputShape: [2, 1, 1, 2],
    bad: {
      call: (l) => l.apply(zeros([2, 3])),
      message:
        'GlobalMaxPooling2D "gmp": expected input of rank 4 [batch, height, width, channels], received shape [2, 3].',
    },
  },
  {
    name: 'Flatten',
    make: (dtype: D) => new nn.Flatten({ name: 'f', dtype }),
    inputShapes: [[2, 3, 2, 2]],
    outputShape: [2, 12],
    bad: { call: (l) => l.apply(scalar(1)), message: 'Flatten "f": expected input of rank >= 1, received shape [].' },
  },
  {
    name: 'Reshape',
    make: (dtype: D) => new nn.Reshape({ targetShape: [3, -1], name: 'r', dtype }),
    inputShapes: [[2, 6]],
    outputShape: [2, 3, 2],
    bad: {
      call: (l) => l.apply(zeros([2, 5])),
      message: 'Reshape "r": cannot reshape examples of shape [5] (5 values) into [3, -1].',
    },
  },
  {
    name: 'Dropout',
    make: (dtype: D) => new nn.Dropout({ rate: 0.5, seed: 1, name: 'drop', dtype }),
    inputShapes: [[2, 5]],
    outputShape: [2, 5],
    bad: {
      call: (l) => l.apply([zeros([2, 5]), zeros([2, 5])]),
      message: 'Dropout "drop": expected 1 input, received 2.',
    },
  },
  {
    name: 'Activation',
    make: (dtype: D) => new nn.Activation({ activation: 'softmax', name: 'act', dtype }),
    inputShapes: [[2, 5]],
    outputShape: [2, 5],
    bad: {
      call: (l) => l.apply([zeros([2, 5]), zeros([2, 5])]),
      message: 'Activation "act": expected 1 input, received 2.',
    },
  },
  {
    name: 'BatchNormalization (training, features)',
    make: (dtype: D) => new nn.BatchNormalization({ name: 'bn', dtype }),
    inputShapes: [[4, 3]],
    outputShape: [4, 3],
    training: true,
    bad: {
      call: (l) => {
        l.apply(zeros([4, 3]));
        return l.apply(zeros([4, 5]));
      },
      message: 'BatchNormalization "bn": expected last dimension 3, received shape [4, 5].',
    },
  },
  {
    name: 'BatchNormalization (training, NHWC)',
    make: (dtype: D) => new nn.BatchNormalization({ momentum: 0.9, name: 'bn4', dtype }),
    inputShapes: [[2, 3, 2, 2]],
    outputShape: [2, 3, 2, 2],
    training: true,
    bad: {
      call: (l) => {
        l.apply(zeros([2, 3, 2, 2]));
        return l.apply(zeros([2, 3, 2]));
      },
      message: 'BatchNormalization "bn4": expected input of rank 4, received shape [2, 3, 2].',
    },
  },
  {
    name: 'Embedding',
    make: (dtype: D) => new nn.Embedding({ inputDim: 5, outputDim: 3, name: 'e', dtype }),
    inputShapes: [[2, 4]],
    outputShape: [2, 4, 3],
    makeInputs: ids,
    inputDType: 'int32',
    gradInputs: false,
    bad: {
      call: (l) => l.apply(new Tensor(Int32Array.from([1, 7]), [1, 2])),
      message:
        'Embedding "e": id 7 (at flat position 1) is outside the vocabulary [0, 5); raise "inputDim" or map unknown tokens to a reserved id.',
    },
  },
  {
    name: 'SimpleRNN (sequences)',
    make: (dtype: D) => new nn.SimpleRNN({ units: 3, returnSequences: true, name: 's', dtype }),
    inputShapes: [[2, 4, 3]],
    outputShape: [2, 4, 3],
    bad: { call: (l) => l.apply(zeros([2, 3])), message: rank3('s', 'SimpleRNN', '[2, 3]') },
  },
  {
    name: 'LSTM (last state)',
    make: (dtype: D) => new nn.LSTM({ units: 3, name: 'l', dtype }),
    inputShapes: [[2, 4, 3]],
    outputShape: [2, 3],
    bad: { call: (l) => l.apply(zeros([2, 3])), message: rank3('l', 'LSTM', '[2, 3]') },
  },
  {
    name: 'LSTM (sequences, backwards)',
    make: (dtype: D) => new nn.LSTM({ units: 2, returnSequences: true, goBackwards: true, name: 'lb', dtype }),
    inputShapes: [[2, 3, 2]],
    outputShape: [2, 3, 2],
    bad: {
      call: (l) => {
        l.apply(zeros([2, 3, 2]));
        return l.apply(zeros([2, 3, 4]));
      },
      message: 'LSTM "lb": expected last dimension 2, received shape [2, 3, 4].',
    },
  },
  {
    name: 'GRU (sequences)',
    make: (dtype: D) => new nn.GRU({ units: 3, returnSequences: true, name: 'g', dtype }),
    inputShapes: [[2, 4, 2]],
    outputShape: [2, 4, 3],
    bad: { call: (l) => l.apply(zeros([2, 4])), message: rank3('g', 'GRU', '[2, 4]') },
  },
  {
    name: 'GRU (last state, backwards)',
    make: (dtype: D) => new nn.GRU({ units: 2, goBackwards: true, name: 'gb', dtype }),
    inputShapes: [[2, 3, 3]],
    outputShape: [2, 2],
    bad: { call: (l) => l.apply(zeros([3])), message: rank3('gb', 'GRU', '[3]') },
  },
  {
    name: 'Bidirectional(LSTM), concat',
    make: (dtype: D) =>
      new nn.Bidirectional({
        layer: new nn.LSTM({ units: 2, returnSequences: true, name: 'bl', dtype }),
        name: 'bi',
        dtype,
      }),
    inputShapes: [[2, 3, 2]],
    outputShape: [2, 3, 4],
    bad: { call: (l) => l.apply(zeros([2, 3])), message: rank3('bi', 'Bidirectional', '[2, 3]') },
  },
  {
    name: 'Bidirectional(GRU), sum',
    make: (dtype: D) =>
      new nn.Bidirectional({
        layer: new nn.GRU({ units: 2, name: 'bg', dtype }),
        mergeMode: 'sum',
        name: 'bis',
        dtype,
      }),
    inputShapes: [[2, 3, 2]],
    outputShape: [2, 2],
    bad: { call: (l) => l.apply(zeros([2, 3, 2, 1])), message: rank3('bis', 'Bidirectional', '[2, 3, 2, 1]') },
  },
  {
    name: 'TimeDistributed(Dense)',
    make: (dtype: D) =>
      new nn.TimeDistributed({
        layer: new nn.Dense({ units: 2, activation: 'tanh', name: 'tdd', dtype }),
        name: 'td',
        dtype,
      }),
    inputShapes: [[2, 3, 4]],
    outputShape: [2, 3, 2],
    bad: {
      call: (l) => l.apply(zeros([2, 4])),
      message: 'TimeDistributed "td": expected input of rank >= 3, received shape [2, 4].',
    },
  },
  {
    name: 'Concatenate',
    make: (dtype: D) => new nn.Concatenate({ name: 'cat', dtype }),
    inputShapes: [
      [2, 3],
      [2, 2],
    ],
    outputShape: [2, 5],
    bad: {
      call: (l) => l.apply([zeros([2, 3]), zeros([3, 2])]),
      message: 'Concatenate "cat": inputs must match except on axis 1; input 1 has shape [3, 2], input 0 has [2, 3].',
    },
  },
  {
    name: 'Add',
    make: (dtype: D) => new nn.Add({ name: 'add', dtype }),
    inputShapes: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
    bad: {
      call: (l) => l.apply([zeros([2, 3]), zeros([2, 4])]),
      message: 'Add "add": all inputs must have the same shape; input 1 has shape [2, 4], input 0 has [2, 3].',
    },
  },
  {
    name: 'Subtract',
    make: (dtype: D) => new nn.Subtract({ name: 'sub', dtype }),
    inputShapes: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
    bad: { call: (l) => l.apply([zeros([2, 3])]), message: 'Subtract "sub": expected exactly 2 inputs, received 1.' },
  },
  {
    name: 'Multiply',
    make: (dtype: D) => new nn.Multiply({ name: 'mul', dtype }),
    inputShapes: [
      [2, 3],
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
    bad: {
      call: (l) => l.apply([zeros([2, 3])]),
      message: 'Multiply "mul": expected a list of at least 2 inputs, received 1.',
    },
  },
  {
    name: 'Average',
    make: (dtype: D) => new nn.Average({ name: 'avg', dtype }),
    inputShapes: [
      [2, 2],
      [2, 2],
    ],
    outputShape: [2, 2],
    bad: {
      call: (l) => l.apply([zeros([2, 2]), zeros([2, 2, 1])]),
      message: 'Average "avg": all inputs must have the same shape; input 1 has shape [2, 2, 1], input 0 has [2, 2].',
    },
  },
  {
    name: 'Maximum',
    make: (dtype: D) => new nn.Maximum({ name: 'max', dtype }),
    inputShapes: [
      [2, 3],
      [2, 3],
    ],
    outputShape: [2, 3],
    bad: {
      call: (l) => l.apply([zeros([2, 3]), zeros([1, 3])]),
      message: 'Maximum "max": all inputs must have the same shape; input 1 has shape [1, 3], input 0 has [2, 3].',
    },
  },
  {
    name: 'Sequential used as a layer',
    make: (dtype: D) =>
      new nn.Sequential({
        name: 'seq',
        dtype,
        layers: [
          new nn.Dense({ units: 3, activation: 'tanh', inputShape: [4], dtype }),
          new nn.Dense({ units: 2, dtype }),
        ],
      }),
    inputShapes: [[2, 4]],
    outputShape: [2, 2],
    bad: {
      call: (l) => l.apply(zeros([2, 5])),
      message: 'Sequential "seq": input "seq_input" expects shape [null, 4], received shape [2, 5].',
    },
  },
];

describe('layer conformance', () => {
  for (const c of cases) {
    describe(c.name, () => {
      it('produces the expected output shape, concretely and symbolically', () => checkOutputShape(c));
      it('has input and weight gradients that match finite differences (float64)', () => checkGradients(c));
      it('round-trips through getConfig / fromConfig with identical outputs', () => checkConfigRoundTrip(c));
      it('round-trips through save / loadModel with bit-identical predictions', () => checkSaveLoad(c));
      it('rejects a bad input with a message naming the layer', () => checkBadInput(c));
    });
  }
});
