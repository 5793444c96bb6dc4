import { safeStorage } from 'electron';
import type { KeyProtector } from '../src/services/backup-keys';

/*
 * The office backup key wrapped by the operating system (issue 11): DPAPI on Windows, the Keychain on macOS,
 * libsecret/KWallet on Linux. Another Windows account, or a copy of the data folder on another PC, cannot unwrap
 * it. Where the OS offers no real store (Linux "basic_text", i.e. a fixed built-in password), this returns null
 * and the desk keeps the key as an owner-only file like the browser host does: better than pretending.
 */
export async function safeStorageProtector(): Promise<KeyProtector | null> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return null;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    method: 'safe-storage',
    // safeStorage takes strings: the key travels as hex.
    protect: (secret) => safeStorage.encryptStringAsync(secret.toString('hex')),
    unprotect: async (stored) => Buffer.from((await safeStorage.decryptStringAsync(stored)).result, 'hex'),
  };
}
