import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { REQUEST_MAX_BYTES, UPLOAD_TOO_LARGE } from '../contract/uploads';
import type { App } from '../services/app';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.pdf': 'application/pdf',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'self' blob:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/** A body this much over the limit is not even drained: the connection is dropped (no honest client sends it). */
const DRAIN_MAX = 4 * REQUEST_MAX_BYTES;

export type HostOptions = { app: App; staticDir: string; port?: number; token?: string };
export type Host = { server: Server; url: string; port: number; token: string; close: () => Promise<void> };

/** Resolves a URL path inside `root`, or null when it would leave it (`..`, encoded or not). */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  return full === base || full.startsWith(base + sep) ? full : null;
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(body);
}

type Body = { tooLarge: false; text: string } | { tooLarge: true };

/**
 * The request body, or `tooLarge` past REQUEST_MAX_BYTES (the contract's upload limit in base64, plus room for
 * the other fields). An oversize body is read to its end and discarded, so that the client gets the 413 answer
 * instead of a reset connection (which the page can only call 「无法连接到本机服务」).
 */
function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((ok, fail) => {
    const declared = Number(req.headers['content-length']);
    let tooLarge = Number.isFinite(declared) && declared > REQUEST_MAX_BYTES;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > DRAIN_MAX) {
        req.destroy();
        fail(new Error('request body far too large'));
        return;
      }
      if (size > REQUEST_MAX_BYTES) tooLarge = true;
      if (tooLarge) chunks.length = 0;
      else chunks.push(c);
    });
    req.on('end', () => ok(tooLarge ? { tooLarge: true } : { tooLarge: false, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', fail);
  });
}

function tokenMatches(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The browser host: the same dispatcher as Electron's IPC, over HTTP on 127.0.0.1 only. Every API call carries
 * the per-launch token; the Host header is checked so that a page on another origin cannot reach the API via DNS
 * rebinding.
 */
export async function startHost(opts: HostOptions): Promise<Host> {
  const token = opts.token ?? randomBytes(18).toString('base64url');
  const staticRoot = resolve(opts.staticDir);
  let port = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, '服务器内部错误');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, '拒绝访问');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, '只接受 POST 请求');
      if (!tokenMatches(req.headers['x-dibao-token'] as string | undefined, token)) {
        return send(res, 401, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '访问令牌无效，请使用启动时显示的地址打开' } }), 'application/json; charset=utf-8');
      }
      const command = decodeURIComponent(url.pathname.slice('/api/'.length));
      let input: unknown;
      try {
        const body = await readBody(req);
        if (body.tooLarge) {
          return send(res, 413, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: UPLOAD_TOO_LARGE } }), 'application/json; charset=utf-8');
        }
        input = body.text ? JSON.parse(body.text) : {};
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求格式错误' } }), 'application/json; charset=utf-8');
      }
      const session = req.headers['x-dibao-session'];
      // The page's id for following a long command with `progress-get` (src/contract/commands/progress.ts).
      const progress = req.headers['x-dibao-progress'];
      const result = await opts.app.handle(
        command,
        input,
        typeof session === 'string' && session ? session : null,
        typeof progress === 'string' && progress ? progress : null,
      );
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '不支持的请求');
    let file = resolveStatic(staticRoot, url.pathname);
    if (file === null) return send(res, 404, '未找到');
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // Client-side routes fall back to the single page.
      file = extname(url.pathname) ? null : join(staticRoot, 'index.html');
      if (file === null || !existsSync(file)) return send(res, 404, '未找到');
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    server,
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
