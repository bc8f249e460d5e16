/**
 * A small HTTP server of the test's own on a free loopback port, standing in
 * for the API (and for S3's presigned PUT): each test sets `reply`, and
 * `seen` lists the requests it received, in order. Registers its own
 * vitest hooks: started before the file's tests, emptied before each test,
 * closed after them.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  /** The request body as received. */
  body: Buffer;
  /** The body as UTF-8 text. */
  text: string;
  /** performance.now() when the request ended. */
  at: number;
}

/** The answer: JSON unless `headers` says otherwise. */
export interface Answer {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** `n` counts the requests of the current test, from 1. */
export type Reply = (req: Seen, n: number) => Answer;

export interface StandIn {
  baseUrl: string;
  seen: Seen[];
  reply: Reply;
}

export function standIn(): StandIn {
  const state: StandIn = {
    baseUrl: '',
    seen: [],
    reply: () => ({ status: 500, body: '{"message":"no reply set by the test"}' }),
  };
  let server: Server;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const s: Seen = {
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body,
          text: body.toString('utf8'),
          at: performance.now(),
        };
        state.seen.push(s);
        const r = state.reply(s, state.seen.length);
        res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
        res.end(r.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  beforeEach(() => {
    state.seen = [];
  });
  return state;
}
