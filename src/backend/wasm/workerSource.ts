import { CTRL_COUNT, CTRL_DONE, CTRL_ERROR, CTRL_READY, CTRL_WAKE } from './abi.js';

/** What a worker receives: the compiled kernels, the shared memory, the control block, its thread id. */
export interface WorkerStart {
  module: WebAssembly.Module;
  memory: WebAssembly.Memory;
  ctrl: number;
  tid: number;
  spin: number;
}

/**
 * Source of a kernel worker, self-contained so that it runs from a string (`eval` worker in Node, Blob URL in
 * browsers) without any bundler help. The worker instantiates the kernels on the shared memory, then loops:
 * claim and run tasks of the open phase, spin briefly for the next phase, then sleep in Atomics.wait until
 * the driver bumps the wake word. A failure is recorded in the control block and ends the phase, so the
 * waiting caller never hangs.
 */
export const WORKER_SOURCE = `'use strict';
const start = (d) => {
  const instance = new WebAssembly.Instance(d.module, { env: { memory: d.memory } });
  const work = instance.exports.work;
  const i32 = new Int32Array(d.memory.buffer);
  const wake = (d.ctrl + ${CTRL_WAKE}) >> 2;
  const done = (d.ctrl + ${CTRL_DONE}) >> 2;
  const count = (d.ctrl + ${CTRL_COUNT}) >> 2;
  Atomics.add(i32, (d.ctrl + ${CTRL_READY}) >> 2, 1);
  let seen = Atomics.load(i32, wake);
  for (;;) {
    try {
      work(d.ctrl, d.tid);
    } catch (e) {
      Atomics.store(i32, (d.ctrl + ${CTRL_ERROR}) >> 2, 1);
      Atomics.store(i32, done, Atomics.load(i32, count));
      Atomics.notify(i32, done);
      throw e;
    }
    let spins = 0;
    while (Atomics.load(i32, wake) === seen && spins < d.spin) spins++;
    Atomics.wait(i32, wake, seen);
    seen = Atomics.load(i32, wake);
  }
};
if (typeof require === 'function') start(require('node:worker_threads').workerData);
else self.onmessage = (e) => start(e.data);
`;
