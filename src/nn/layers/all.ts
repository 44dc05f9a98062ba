/**
 * Imports every built-in layer so each registers itself for deserialisation (`loadModel`, `deserializeLayer`).
 */
export { Activation } from './Activation.js';
export { AveragePooling2D } from './AveragePooling2D.js';
export { BatchNormalization } from './BatchNormalization.js';
export { Conv2D } from './Conv2D.js';
export { Dense } from './Dense.js';
export { Dropout } from './Dropout.js';
export { Embedding } from './Embedding.js';
export { Flatten } from './Flatten.js';
export { GlobalAveragePooling2D, GlobalMaxPooling2D } from './GlobalPooling2D.js';
export { InputLayer, input } from './InputLayer.js';
export { MaxPooling2D } from './MaxPooling2D.js';
export { Add, Average, Concatenate, Maximum, Multiply, Subtract } from './merge.js';
export { Reshape } from './Reshape.js';
export { Bidirectional } from './rnn/Bidirectional.js';
export { GRU } from './rnn/GRU.js';
export { LSTM } from './rnn/LSTM.js';
export { SimpleRNN } from './rnn/SimpleRNN.js';
export { TimeDistributed } from './TimeDistributed.js';
