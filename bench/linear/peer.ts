import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './benchData.js';

/** What the scikit-learn peer reports for one task. */
export interface PeerResult {
  sklearn?: string;
  fit_seconds: number;
  accuracy: number;
  train_accuracy: number;
  n_iter: number;
  coef?: number[];
  intercept?: number[];
  skipped?: string;
}

let python: string | null | undefined;

/** A Python 3 interpreter that can import scikit-learn ($LSML_PYTHON, /usr/bin/python3, python3), or null. */
export function findPython(): string | null {
  if (python !== undefined) return python;
  python = null;
  for (const candidate of [process.env.LSML_PYTHON, '/usr/bin/python3', 'python3']) {
    if (!candidate) continue;
    const r = spawnSync(candidate, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) {
      python = candidate;
      break;
    }
  }
  return python;
}

/**
 * Runs `bench/peers/sklearn_linear.py` on a task and returns its JSON, or `{ skipped }` when no interpreter with
 * scikit-learn is available or the peer fails.
 */
export function runPeer(task: Record<string, unknown>): PeerResult {
  const py = findPython();
  if (py === null) {
    return {
      skipped: 'no python3 with scikit-learn (apt-get install python3-sklearn, or set LSML_PYTHON)',
    } as PeerResult;
  }
  const path = join(BENCH_DIR, 'peer-task.json');
  writeFileSync(path, JSON.stringify(task));
  try {
    const out = execFileSync(py, [new URL('../peers/sklearn_linear.py', import.meta.url).pathname, path], {
      encoding: 'utf8',
      maxBuffer: 1 << 30,
      env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
    });
    return JSON.parse(out.trim().split('\n').pop() as string) as PeerResult;
  } catch (e) {
    return { skipped: `peer failed: ${(e as Error).message.split('\n')[0]}` } as PeerResult;
  }
}
