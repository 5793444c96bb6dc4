import { join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { chooseDataDir, readDataDirArg } from '../../electron/args';
import { handleCall } from '../../electron/call';
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  isTrustedSender,
  isTrustedUrl,
  mimeTypeOf,
  parseIpcRequest,
  resolveAppPath,
} from '../../electron/security';
import type { Result } from '../../src/contract';

describe('isTrustedUrl', () => {
  it.each([APP_ENTRY_URL, 'app://dibao/', 'app://dibao/households/12?tab=members#top', 'app://DIBAO/index.html'])(
    'trusts the app page %s',
    (url) => {
      expect(isTrustedUrl(url, APP_ORIGIN)).toBe(true);
    },
  );

  it.each([
    'app://dibao.evil/',
    'app://evil.dibao/',
    'app://dibaoo/',
    'app://dibao@evil/',
    'app://evil@dibao/',
    'app://user:pass@dibao/',
    'app://dibao:8080/',
    'app:dibao/index.html',
    'app:///dibao/index.html',
    'apps://dibao/',
    'http://127.0.0.1/',
    'http://127.0.0.1:5173/index.html',
    'http://dibao/',
    'https://dibao/',
    'https://example.com/?app://dibao/',
    'javascript:alert(1)',
    "javascript://dibao/%0aalert('x')",
    'data:text/html,<script>alert(1)</script>',
    'blob:app://dibao/5d2c6f8e',
    'file:///etc/passwd',
    'file://dibao/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    '',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isTrustedUrl(url, APP_ORIGIN)).toBe(false);
  });

  it('rejects non-strings and a broken origin', () => {
    expect(isTrustedUrl(undefined)).toBe(false);
    expect(isTrustedUrl(42)).toBe(false);
    expect(isTrustedUrl({ toString: () => APP_ENTRY_URL })).toBe(false);
    expect(isTrustedUrl(APP_ENTRY_URL, 'garbage')).toBe(false);
    expect(isTrustedUrl('app:x', 'app:x')).toBe(false);
  });
});

describe('isTrustedSender', () => {
  it('trusts only frames showing the app', () => {
    expect(isTrustedSender(APP_ENTRY_URL)).toBe(true);
    expect(isTrustedSender('app://dibao.evil/index.html')).toBe(false);
    expect(isTrustedSender('http://127.0.0.1:8080/')).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(isTrustedSender('')).toBe(false);
  });
});

describe('CONTENT_SECURITY_POLICY', () => {
  it('has the directives the brief requires and no unsafe script source', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('img-src')).toBe("'self' data: blob:");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});

describe('resolveAppPath', () => {
  const root = resolve('/srv/dibao/renderer/dist');

  it('maps app URLs under the dist root', () => {
    expect(resolveAppPath('app://dibao/assets/index-abc.js', root)).toBe(join(root, 'assets', 'index-abc.js'));
    expect(resolveAppPath('app://dibao/assets/a%20b.css?v=1#x', root)).toBe(join(root, 'assets', 'a b.css'));
    expect(resolveAppPath('app://dibao/fonts/%E5%AE%8B%E4%BD%93.woff2', root)).toBe(join(root, 'fonts', '宋体.woff2'));
  });

  it('serves index.html for the root and client-side routes', () => {
    expect(resolveAppPath('app://dibao/', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://dibao', root)).toBe(join(root, 'index.html'));
    expect(resolveAppPath('app://dibao/households/12', root)).toBe(join(root, 'index.html'));
  });

  it('folds dot segments the URL parser resolves, staying inside the root', () => {
    expect(resolveAppPath('app://dibao/../../etc/hosts.txt', root)).toBe(join(root, 'etc', 'hosts.txt'));
    expect(resolveAppPath('app://dibao/%2e%2e/%2e%2e/etc/hosts.txt', root)).toBe(join(root, 'etc', 'hosts.txt'));
    expect(resolveAppPath('app://dibao/assets/%2E%2E/index.html', root)).toBe(join(root, 'index.html'));
  });

  it.each([
    'app://dibao/..%2f..%2fetc%2fpasswd',
    'app://dibao/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://dibao/assets/..%5c..%5c..%5cwindows%5cwin.ini',
    'app://dibao/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://dibao/index.html%00.png',
    'app://dibao/%E0%A4%A.js',
    'app://dibao.evil/index.html',
    'app://evil@dibao/index.html',
    'file:///etc/passwd',
    'http://127.0.0.1/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(url, root)).toBeNull();
  });

  it('knows the types the renderer build emits', () => {
    expect(mimeTypeOf('/x/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeOf('/x/a.woff2')).toBe('font/woff2');
    expect(mimeTypeOf('/x/a.bin')).toBe('application/octet-stream');
  });
});

describe('parseIpcRequest', () => {
  it('accepts a contract command and passes the input through untouched', () => {
    const input = { page: 1 };
    const parsed = parseIpcRequest({ command: 'village-list', input });
    expect(parsed).toEqual({ ok: true, value: { command: 'village-list', input, session: null, progress: null } });
    expect(parsed.ok && parsed.value.input).toBe(input);
  });

  it('accepts a missing input (the dispatcher defaults it)', () => {
    expect(parseIpcRequest({ command: 'settings-get' })).toEqual({
      ok: true,
      value: { command: 'settings-get', input: undefined, session: null, progress: null },
    });
  });

  it.each([
    ['unknown', { command: 'drop-database', input: {} }],
    ['prototype key', { command: 'toString', input: {} }],
    ['__proto__', { command: '__proto__', input: {} }],
    ['constructor', { command: 'constructor' }],
  ])('rejects an unknown command (%s)', (_label, payload) => {
    const parsed = parseIpcRequest(payload);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.code).toBe('UNKNOWN_COMMAND');
  });

  it('does not echo a long command name in full', () => {
    const parsed = parseIpcRequest({ command: 'x'.repeat(10_000) });
    expect(!parsed.ok && parsed.error.message.length).toBeLessThan(100);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'village-list'],
    ['a number', 7],
    ['an array', ['village-list', {}]],
  ])('rejects a non-object payload (%s)', (_label, payload) => {
    const parsed = parseIpcRequest(payload);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error.code).toBe('VALIDATION');
  });

  it.each([
    ['missing', { input: {} }],
    ['empty', { command: '' }],
    ['not a string', { command: 12 }],
    ['an object', { command: { name: 'village-list' } }],
  ])('rejects a command that is %s', (_label, payload) => {
    const parsed = parseIpcRequest(payload);
    expect(parsed).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'command' }] } });
  });
});

describe('handleCall (the ipcMain handler body)', () => {
  const recorder = () => {
    const calls: Array<[string, unknown]> = [];
    const app = {
      handle: async (command: string, input: unknown): Promise<Result<unknown>> => {
        calls.push([command, input]);
        return { ok: true, value: 'done' };
      },
    };
    return { app, calls };
  };

  it('dispatches a trusted, well-formed request', async () => {
    const { app, calls } = recorder();
    expect(await handleCall(app, APP_ENTRY_URL, { command: 'village-list', input: {} })).toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([['village-list', {}]]);
  });

  it('refuses untrusted senders before looking at the payload', async () => {
    const { app, calls } = recorder();
    for (const sender of ['http://127.0.0.1:3000/', 'app://dibao.evil/', null, undefined]) {
      expect(await handleCall(app, sender, { command: 'village-list', input: {} })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('returns the parse error without dispatching', async () => {
    const { app, calls } = recorder();
    expect(await handleCall(app, APP_ENTRY_URL, { command: 'rm-rf' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_COMMAND' },
    });
    expect(calls).toEqual([]);
  });

  it('never throws across IPC, nor logs what the error carried', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const app = {
      handle: async (): Promise<Result<unknown>> => {
        throw new Error('SQLITE_BUSY: 张三 110101199003074514');
      },
    };
    const result = await handleCall(app, APP_ENTRY_URL, { command: 'village-list', input: {} });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: '系统内部错误' } });
    expect(JSON.stringify(log.mock.calls)).not.toMatch(/张三|110101/);
    log.mockRestore();
  });
});

describe('data directory', () => {
  it('reads --data-dir in both spellings, the last one winning', () => {
    expect(readDataDirArg(['electron', '.', '--data-dir', '/d/a'])).toBe('/d/a');
    expect(readDataDirArg(['electron', '.', '--data-dir=/d/b'])).toBe('/d/b');
    expect(readDataDirArg(['--data-dir=/d/a', '--data-dir', '/d/c'])).toBe('/d/c');
    expect(readDataDirArg(['--data-dir', '--inspect'])).toBeUndefined();
    expect(readDataDirArg(['--data-dir='])).toBeUndefined();
    expect(readDataDirArg(['--data-directory=/x'])).toBeUndefined();
  });

  it('prefers --data-dir, then DIBAO_DATA_DIR, then userData', () => {
    const userData = resolve('/home/u/.config/dibao-desk');
    expect(chooseDataDir(['--data-dir', '/d/arg'], { DIBAO_DATA_DIR: '/d/env' }, userData)).toBe(resolve('/d/arg'));
    expect(chooseDataDir([], { DIBAO_DATA_DIR: '/d/env' }, userData)).toBe(resolve('/d/env'));
    expect(chooseDataDir([], { DIBAO_DATA_DIR: '' }, userData)).toBe(userData);
    expect(chooseDataDir([], {}, userData)).toBe(userData);
  });
});
