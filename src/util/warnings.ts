/**
 * Non-fatal problems (no convergence, an ill-defined metric) are reported as lsml warnings: a code, a message
 * with advice, and the offending values. By default they go to `console.warn` once per distinct message;
 * programs and tests can collect them with `captureWarnings`.
 */
export interface LsmlWarning {
  /** Stable code, e.g. 'UndefinedMetric', 'ConvergenceWarning'. */
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

type Listener = (w: LsmlWarning) => void;

const listeners: Listener[] = [];
const printed = new Set<string>();

/** Reports a warning to the active listeners, or prints it once when nobody listens. */
export function warn(code: string, message: string, details?: Record<string, unknown>): void {
  const w: LsmlWarning = details === undefined ? { code, message } : { code, message, details };
  if (listeners.length > 0) {
    for (const l of listeners) l(w);
    return;
  }
  const key = `${code}: ${message}`;
  if (!printed.has(key)) {
    printed.add(key);
    console.warn(`lsml ${key}`);
  }
}

/** Runs `fn` and returns its result with the warnings it raised (they are not printed). */
export function captureWarnings<T>(fn: () => T): { result: T; warnings: LsmlWarning[] } {
  const warnings: LsmlWarning[] = [];
  const listener: Listener = (w) => warnings.push(w);
  listeners.push(listener);
  try {
    return { result: fn(), warnings };
  } finally {
    listeners.splice(listeners.indexOf(listener), 1);
  }
}

/** Adds a listener for every warning; returns a function that removes it. */
export function onWarning(listener: Listener): () => void {
  listeners.push(listener);
  return () => {
    const i = listeners.indexOf(listener);
    if (i >= 0) listeners.splice(i, 1);
  };
}
