import type { Result } from '../src/contract';
import type { App } from '../src/services/app';
import { isTrustedSender, parseIpcRequest } from './security';

const INTERNAL: Result<never> = { ok: false, error: { code: 'INTERNAL', message: '系统内部错误' } };
const UNTRUSTED: Result<never> = { ok: false, error: { code: 'FORBIDDEN', message: '请求来源不受信任' } };

/**
 * One `dibao:call`, free of `electron` so it runs under vitest: sender check, payload shape, then the shared
 * dispatcher. Never throws: a thrown error would cross IPC as a bare message (style.md point 3).
 */
export async function handleCall(
  app: Pick<App, 'handle'>,
  senderUrl: string | null | undefined,
  payload: unknown,
): Promise<Result<unknown>> {
  try {
    if (!isTrustedSender(senderUrl)) return UNTRUSTED;
    const request = parseIpcRequest(payload);
    if (!request.ok) return request;
    return await app.handle(request.value.command, request.value.input, request.value.session, request.value.progress);
  } catch (err) {
    console.error(`[ipc] call failed: ${err instanceof Error ? err.name : 'error'}`);
    return INTERNAL;
  }
}
