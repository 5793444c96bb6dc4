import type { ApiError, CommandInput, CommandName, CommandOutput, Result } from '../../src/contract';

type Bridge = { call: (command: string, input: unknown, session: string | null, progress?: string | null) => Promise<Result<unknown>> };

declare global {
  interface Window {
    dibao?: Bridge;
  }
}

const TOKEN_KEY = 'dibao-token';

/** The browser host hands the per-launch token in the URL fragment; keep it for this tab and tidy the URL. */
function takeToken(): string {
  const m = /[#&]token=([\w-]+)/.exec(window.location.hash);
  if (m?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, m[1]);
    // Keep any route that came with the token (`#/search#token=…`), drop the token from the address bar.
    const rest = window.location.hash.replace(m[0], '');
    history.replaceState(null, '', window.location.pathname + window.location.search + rest);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const token = typeof window !== 'undefined' && !window.dibao ? takeToken() : '';

const SESSION_KEY = 'dibao-session';

/** The login session of this tab (kept in sessionStorage: closing the window logs out). */
export const session = {
  get: (): string | null => sessionStorage.getItem(SESSION_KEY),
  set: (t: string | null) => (t ? sessionStorage.setItem(SESSION_KEY, t) : sessionStorage.removeItem(SESSION_KEY)),
};

/** Fired when the core says the session is gone or locked, so the session gate can ask for the password. */
export const SESSION_EVENT = 'dibao-session';

async function overHttp(command: string, input: unknown, progressId: string | null): Promise<Result<unknown>> {
  try {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Dibao-Token': token, 'X-Dibao-Session': session.get() ?? '' };
    if (progressId) headers['X-Dibao-Progress'] = progressId;
    const res = await fetch(`./api/${encodeURIComponent(command)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(input ?? {}),
    });
    if (res.headers.get('content-type')?.includes('application/json')) return (await res.json()) as Result<unknown>;
    return { ok: false, error: { code: 'INTERNAL', message: `服务器返回错误（${res.status}）` } };
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: '无法连接到本机服务，请确认程序仍在运行' } };
  }
}

/**
 * One typed client for both shells: Electron's preload bridge, or the browser host's HTTP API. `progressId`:
 * sent beside the input so that `progress-get` can follow the command (components/use-progress-call.ts).
 */
export async function call<K extends CommandName>(command: K, input: CommandInput<K>, progressId: string | null = null): Promise<Result<CommandOutput<K>>> {
  const r = window.dibao ? await window.dibao.call(command, input, session.get(), progressId) : await overHttp(command, input, progressId);
  if (!r.ok && (r.error.code === 'UNAUTHENTICATED' || r.error.code === 'LOCKED')) {
    window.dispatchEvent(new CustomEvent(SESSION_EVENT, { detail: r.error.code }));
  }
  return r as Result<CommandOutput<K>>;
}

export class ApiFailure extends Error {
  readonly error: ApiError;
  constructor(error: ApiError) {
    super(error.message);
    this.error = error;
  }
}

/** Like `call`, but throws an ApiFailure so that callers can use try/catch with the Chinese message. */
export async function request<K extends CommandName>(command: K, input: CommandInput<K>, progressId: string | null = null): Promise<CommandOutput<K>> {
  const r = await call(command, input, progressId);
  if (!r.ok) throw new ApiFailure(r.error);
  return r.value;
}
