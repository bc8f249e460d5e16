/** Types for handler-loader.mjs (plain JavaScript, loaded without tsx). */
export declare class RuntimeError extends Error {
  constructor(kind: string, message: string);
}
export interface ErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}
export declare function toErrorPayload(error: unknown): ErrorPayload;
export type LambdaHandler = (event: unknown, context: object, callback: unknown) => unknown;
export declare function loadHandler(taskRoot: string, fullHandler: string): Promise<LambdaHandler>;
export declare function callHandler(
  handler: LambdaHandler,
  event: unknown,
  context: Record<string, unknown>,
): Promise<unknown>;
