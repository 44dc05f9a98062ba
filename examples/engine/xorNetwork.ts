/**
 * A two-layer network learns XOR with plain gradient descent on the engine: no framework, just tensors,
 * backward() and an in-place parameter update inside noGrad.
 * Run: npx tsx examples/engine/xorNetwork.ts
 */
import {
  add,
  backward,
  logSoftmax,
  matmul,
  mean,
  mul,
  neg,
  noGrad,
  oneHot,
  randomNormal,
  sub,
  sum,
  tanh,
  tensor,
  zeros,
  argmax,
} from 'lsml';
import type { Tensor } from 'lsml';

const x = tensor([
  [0, 0],
  [0, 1],
  [1, 0],
  [1, 1],
]);
const labels = [0, 1, 1, 0];
const targets = oneHot(labels, 2);

const w1 = randomNormal([2, 8], { seed: 1, requiresGrad: true });
const b1 = zeros([8], { requiresGrad: true });
const w2 = randomNormal([8, 2], { seed: 2, requiresGrad: true });
const b2 = zeros([2], { requiresGrad: true });
const params = [w1, b1, w2, b2];

const forward = (input: Tensor): Tensor => add(matmul(tanh(add(matmul(input, w1), b1)), w2), b2);

for (let step = 1; step <= 500; step++) {
  const loss = neg(mean(sum(mul(logSoftmax(forward(x)), targets), 1))); // cross-entropy
  backward(loss);
  noGrad(() => {
    for (const p of params) {
      p.data.set(sub(p, mul(p.grad as Tensor, 0.5)).data);
      p.grad = null;
    }
  });
  if (step % 100 === 0) console.log(`step ${step}  loss ${loss.item().toFixed(5)}`);
}

const predicted = noGrad(() => argmax(forward(x), 1)).toFlatArray();
console.log('predicted', predicted, 'expected', labels);
if (predicted.join() !== labels.join()) process.exitCode = 1;
