import { makeTwoLayerStep } from './twoLayerLoop.js';

/**
 * `npm run bench:memory`: 10,000 forward+backward steps of a two-layer network with no manual memory management.
 * Prints resident memory (RSS) and live heap after warm-up and at the end; the engine passes when they stay flat.
 * Run with --expose-gc so the heap figures are measured after a full collection.
 */
const steps = Number(process.env.STEPS ?? 10000);
const warmup = 200;
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function snapshot(): { rss: number; heap: number } {
  gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

const step = makeTwoLayerStep();
for (let i = 0; i < warmup; i++) step();
const start = snapshot();
const t0 = performance.now();
let loss = 0;
const samples: number[] = [];
for (let i = 1; i <= steps; i++) {
  loss = step();
  if (i % (steps / 10) === 0) samples.push(snapshot().rss);
}
const seconds = (performance.now() - t0) / 1000;
const end = snapshot();
console.log(
  `two-layer network, ${steps} steps in ${seconds.toFixed(1)} s (${(steps / seconds).toFixed(0)} steps/s), final loss ${loss.toFixed(4)}`,
);
console.log(`RSS   start ${mb(start.rss)}  end ${mb(end.rss)}  change ${mb(end.rss - start.rss)}`);
console.log(
  `heap  start ${mb(start.heap)}  end ${mb(end.heap)}  change ${mb(end.heap - start.heap)}${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`,
);
console.log(`RSS every ${steps / 10} steps: ${samples.map(mb).join(', ')}`);
