/**
 * Tensors and reverse-mode autograd in a few lines: build a computation, call backward(), read .grad.
 * Run: npx tsx examples/engine/autograd.ts
 */
import { grad, matmul, randomNormal, softmax, sum, tensor, tanh } from 'lsml';

// A leaf tensor that records the operations applied to it.
const x = tensor([[1, 2, 3]], undefined, { dtype: 'float64', requiresGrad: true });
const w = randomNormal([3, 2], { seed: 0, dtype: 'float64', requiresGrad: true });

// Forward: chainable methods and free functions build the same graph.
const y = softmax(tanh(matmul(x, w)));
const loss = y
  .mul(tensor([[0, 1]], undefined, 'float64'))
  .sum()
  .neg();
loss.backward();

console.log('loss        ', loss.item().toFixed(6));
console.log('dloss/dx    ', x.grad?.toArray());
console.log('dloss/dw    ', w.grad?.toArray());

// grad(f) turns a scalar function into its gradient function.
const df = grad((v) => sum(v.square()));
console.log('d/dv Σv² at [1, -2, 3] =', df(tensor([1, -2, 3]))[0]?.toArray());
