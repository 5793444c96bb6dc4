import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { App } from '../src/services/app';
import { handleCall } from './call';
import { IPC_CHANNEL } from './channel';

function senderUrlOf(event: IpcMainInvokeEvent): string | null {
  try {
    const frame = event.senderFrame;
    // Only the top frame may call; the CSP forbids subframes anyway.
    if (!frame || frame.parent !== null) return null;
    return frame.url;
  } catch {
    // A frame that navigated or was destroyed throws on access: untrusted.
    return null;
  }
}

/** The one channel. Returns the function that removes it (window tests, quit). */
export function registerIpc(app: App): () => void {
  ipcMain.handle(IPC_CHANNEL, (event, payload: unknown) => handleCall(app, senderUrlOf(event), payload));
  return () => ipcMain.removeHandler(IPC_CHANNEL);
}
