import * as L from '../../src/index.js';

/**
 * One training step of a small two-layer network (forward, backward, in-place SGD update), the workload of the
 * memory checks: nothing is disposed by hand, so flat memory shows the engine leaks nothing.
 */
export function makeTwoLayerStep(seed = 0): () => number {
  const x = L.randomNormal([32, 16], { seed });
  const labels = L.randomUniform([32], { seed: seed + 1, min: 0, max: 4, dtype: 'int32' });
  const targets = L.oneHot(labels, 4);
  const w1 = L.randomNormal([16, 32], { seed: seed + 2, std: 0.25, requiresGrad: true });
  const b1 = L.zeros([32], { requiresGrad: true });
  const w2 = L.randomNormal([32, 4], { seed: seed + 3, std: 0.25, requiresGrad: true });
  const params = [w1, b1, w2];
  return () => {
    const hidden = L.relu(L.add(L.matmul(x, w1), b1));
    const logp = L.logSoftmax(L.matmul(hidden, w2));
    const loss = L.neg(L.mean(L.sum(L.mul(logp, targets), 1)));
    L.backward(loss);
    L.noGrad(() => {
      for (const p of params) {
        p.data.set(L.sub(p, L.mul(p.grad as L.Tensor, 0.05)).data);
        p.grad = null;
      }
    });
    return loss.item();
  };
}
