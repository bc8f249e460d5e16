/**
 * The generic types src/api.gen.ts writes each operation with, one line per
 * operation, in openapi-typescript's shape (what the client's types in
 * client.ts read: `parameters.path`, `parameters.query`,
 * `requestBody.content`, `responses[status].content`).
 */

/**
 * An operation: its path and query parameters, its request body's content
 * by media type (never when it takes none), and the JSON body each status
 * answers with.
 */
export type Operation<Parameters, Content, Answers> = {
  parameters: Parameters & { header?: never; cookie?: never };
  responses: {
    [Status in keyof Answers]: {
      headers: { [name: string]: unknown };
      content: { 'application/json': Answers[Status] };
    };
  };
} & ([Content] extends [never] ? { requestBody?: never } : { requestBody: { content: Content } });

/**
 * Every path of a route table (src/routes.gen.ts), each with its operations
 * by lower-case method, as openapi-typescript's `paths` has them.
 */
export type PathsOf<
  Routes extends Record<string, { readonly path: string; readonly method: string }>,
  Operations extends { [K in keyof Routes]: unknown },
> = {
  [Path in Routes[keyof Routes]['path']]: {
    [K in keyof Routes as Routes[K]['path'] extends Path
      ? Lowercase<Routes[K]['method']>
      : never]: Operations[K];
  };
};
