import { contextBridge, ipcRenderer } from 'electron';
import type { Result } from '../src/contract';
import { IPC_CHANNEL } from './channel';

/*
 * Sandboxed preload: bundled to CommonJS (scripts/build-electron.mjs) because a sandboxed preload cannot be an ES
 * module, and it may import nothing at runtime but `electron` (types are erased).
 */

/** What the page sees as `window.dibao`: one function, never `ipcRenderer` or a channel name. */
export type DibaoBridge = { call(command: string, input: unknown, session: string | null, progress?: string | null): Promise<Result<unknown>> };

const bridge: DibaoBridge = {
  call: (command, input, session, progress = null) => ipcRenderer.invoke(IPC_CHANNEL, { command, input, session, progress }) as Promise<Result<unknown>>,
};

contextBridge.exposeInMainWorld('dibao', bridge);
