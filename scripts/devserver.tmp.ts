import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { endpoints } from '@lambda-stats/handlers/endpoints';
import { createHandler } from '../packages/handlers/src/handler';
const html = readFileSync('../packages/playground/dist/playground.html', 'utf8');
const openapi = readFileSync('../packages/handlers/openapi.gen.json');
const server = createServer(async (req, res) => {
  const url = new URL(req.url!, 'http://x');
  if (url.pathname === '/playground') { res.writeHead(200, { 'content-type': 'text/html' }); return res.end(readFileSync('../packages/playground/dist/playground.html', 'utf8')); }
  if (url.pathname === '/openapi.json') { res.writeHead(200, { 'content-type': 'application/json' }); return res.end(openapi); }
  const e = endpoints.find((x) => `/${x.name}` === url.pathname);
  if (!e) { res.writeHead(404); return res.end(); }
  let body = ''; for await (const c of req) body += c;
  const r: any = await createHandler(e)({ version: '2.0', rawPath: url.pathname, rawQueryString: '', headers: { 'content-type': 'application/json' }, requestContext: { http: { method: 'POST', path: url.pathname }, requestId: 'x' }, body, isBase64Encoded: false } as any, { awsRequestId: 'x', functionName: e.name } as any);
  res.writeHead(r.statusCode, r.headers); res.end(r.body);
});
server.listen(Number(process.argv[2] ?? 8765), '127.0.0.1');
