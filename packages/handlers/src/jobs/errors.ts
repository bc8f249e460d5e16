/**
 * A job's input cannot be analysed: a bad cell, a missing column, too many
 * rows for a statistic that needs them all. Thrown by the engine's
 * functions; its name is the Lambda error type, which the state machine
 * does not retry (retrying cannot fix the data).
 */
export class JobInputError extends Error {
  override readonly name = 'JobInputError';
  readonly code: string;
  readonly details: Record<string, unknown>;

  constructor(code: string, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }
}
