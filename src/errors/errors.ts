/**
 * Typed errors with a stable `code`, so callers can branch on the kind of failure without parsing messages.
 * Messages say where, what was expected, what was received and, where possible, how to fix it.
 */

/** Stable machine-readable error codes. */
export type LsmlErrorCode =
  | 'ERR_SHAPE'
  | 'ERR_DTYPE'
  | 'ERR_CONFIG'
  | 'ERR_NOT_FITTED'
  | 'ERR_DATA'
  | 'ERR_VALUE'
  | 'ERR_KERNEL_NOT_FOUND'
  | 'ERR_BACKEND'
  | 'ERR_GRAD';

/** Base class of every error lsml throws on purpose. */
export class LsmlError extends Error {
  /** Stable code: use it in `catch` blocks instead of matching the message. */
  readonly code: LsmlErrorCode;
  /** The offending fields (op, shapes, values), for programs that report errors. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: LsmlErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** A tensor or matrix has the wrong shape, or two shapes do not fit together. */
export class ShapeError extends LsmlError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_SHAPE', message, details);
  }
}

/** A tensor has a dtype the operation does not accept. */
export class DTypeError extends LsmlError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_DTYPE', message, details);
  }
}

/** A hyper-parameter or option is unknown or out of range. */
export class ConfigError extends LsmlError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_CONFIG', message, details);
  }
}

/** A learned attribute or prediction was requested before `fit`. */
export class NotFittedError extends LsmlError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_NOT_FITTED', message, details);
  }
}

/** Input data is malformed: NaN in labels, a ragged row, a bad token in a file. */
export class DataError extends LsmlError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_DATA', message, details);
  }
}

/** An argument value is out of its valid range (an index, a count, a probability). */
export class ValueError extends LsmlError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_VALUE', message, details);
  }
}

/** The active backend has no kernel registered under the requested name. */
export class KernelNotFoundError extends LsmlError {
  constructor(kernel: string, backend: string) {
    super('ERR_KERNEL_NOT_FOUND', `Kernel "${kernel}" is not registered for backend "${backend}".`, {
      kernel,
      backend,
    });
  }
}

/** A backend could not be found or initialised. */
export class BackendError extends LsmlError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_BACKEND', message, details);
  }
}

/** Autograd was used in a way that cannot produce a gradient. */
export class GradError extends LsmlError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('ERR_GRAD', message, details);
  }
}
