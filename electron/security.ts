import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { isCommandName, type CommandName, type Result } from '../src/contract';

/*
 * Pure security helpers of the Electron shell. No `electron` import here, so vitest can run them in plain Node.
 *
 * Why a custom `app://dibao/` scheme rather than `file://`:
 * - every file:// page shares one opaque origin with the whole disk, so `'self'` in the CSP and the sender check
 *   would trust any local HTML file (file:///etc/passwd, a scan in Downloads);
 * - with a privileged *standard* scheme the page has a real origin, fetch and the CSP work as on the web, and the
 *   protocol handler decides which bytes exist at all: only files under `renderer/dist`.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'dibao';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** antd (cssinjs) writes `<style>` tags at runtime, hence `'unsafe-inline'` for styles only, never for scripts. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Headers sent with every file the app protocol serves. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function parseUrl(url: unknown): URL | null {
  if (typeof url !== 'string' || url === '') return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Is `url` a page of the app itself? Parsed with `new URL` and compared part by part: scheme, host (no port, no
 * user info). Substring or prefix checks would let `app://dibao.evil/` or `app://dibao@evil/` through.
 */
export function isTrustedUrl(url: unknown, appOrigin: string = APP_ORIGIN): boolean {
  const u = parseUrl(url);
  const origin = parseUrl(appOrigin);
  if (!u || !origin || origin.host === '') return false;
  return (
    u.protocol === origin.protocol &&
    // Node keeps the case of hosts of non-special schemes; Chromium lowercases those of standard schemes.
    u.host.toLowerCase() === origin.host.toLowerCase() &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** Is the frame that sent an IPC message showing the app? A missing frame (navigated away, destroyed) is not. */
export function isTrustedSender(frameUrl: string | null | undefined, appOrigin: string = APP_ORIGIN): boolean {
  return isTrustedUrl(frameUrl, appOrigin);
}

/**
 * Maps an `app://dibao/...` request URL to a file under `distRoot`, or null when it must not be served
 * (foreign origin, traversal, encoded separators, NUL). `/` and extension-less paths (client-side routes) give
 * `index.html`. Pure: the caller reads the file and answers 404 when it does not exist.
 */
export function resolveAppPath(requestUrl: string, distRoot: string, appOrigin: string = APP_ORIGIN): string | null {
  if (!isTrustedUrl(requestUrl, appOrigin)) return null;
  const u = new URL(requestUrl);
  let decoded: string;
  try {
    decoded = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  // `new URL` already folded `..` and `%2e%2e` segments; what remains dangerous is an encoded separator
  // (`..%2f`, `..%5c`) or NUL, which would become a segment only after decoding.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..')) return null;
  const rel = segments.length === 0 || extname(segments[segments.length - 1] ?? '') === '' ? ['index.html'] : segments;
  const root = resolve(distRoot);
  const full = resolve(root, ...rel);
  const fromRoot = relative(root, full);
  if (fromRoot === '' || fromRoot.startsWith(`..${sep}`) || fromRoot === '..' || isAbsolute(fromRoot)) return null;
  return full;
}

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeOf(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

export type IpcRequest = { command: CommandName; input: unknown; session: string | null; progress: string | null };

const MAX_ECHOED_NAME = 64;

/**
 * Checks the shape of a `dibao:call` payload: `{ command, input }` with a command from the contract. The input
 * itself is left to the dispatcher's zod schema.
 */
export function parseIpcRequest(payload: unknown): Result<IpcRequest> {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    return { ok: false, error: { code: 'VALIDATION', message: '请求格式不正确' } };
  }
  const { command, input, session, progress } = payload as { command?: unknown; input?: unknown; session?: unknown; progress?: unknown };
  if (typeof command !== 'string' || command === '') {
    return {
      ok: false,
      error: {
        code: 'VALIDATION',
        message: '请求缺少操作名称',
        fields: [{ path: 'command', message: '请求缺少操作名称' }],
      },
    };
  }
  if (!isCommandName(command)) {
    const shown = command.length > MAX_ECHOED_NAME ? `${command.slice(0, MAX_ECHOED_NAME)}…` : command;
    return { ok: false, error: { code: 'UNKNOWN_COMMAND', message: `未知的操作：${shown}` } };
  }
  return {
    ok: true,
    value: { command, input, session: typeof session === 'string' ? session : null, progress: typeof progress === 'string' ? progress : null },
  };
}
