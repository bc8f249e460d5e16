import { createServer } from 'node:net';
import { UserFacingError } from './errors';

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('the kernel gave no port')),
      );
    });
  });
}

/** Fails with one clear message when `port` on 127.0.0.1 is taken. */
export function assertPortFree(port: number, what: string, howToChange: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new UserFacingError(
              `Port ${port} on 127.0.0.1 (${what}) is already in use. Stop what uses it, or ${howToChange}.`,
            )
          : error,
      );
    });
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}
