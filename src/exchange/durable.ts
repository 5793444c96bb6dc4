// Durable file writing for what leaves the office PC (filing packages, backups): write, fsync, and only then
// rename into place. A seam so that tests can simulate a full or removed drive half-way through.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';

/** A file being written piece by piece (an encrypted backup): `finish` fsyncs and closes, `abort` closes. */
export type StreamingFile = {
  write: (bytes: Uint8Array) => Promise<void>;
  finish: () => Promise<void>;
  abort: () => Promise<void>;
};

export const exchangeFiles = {
  /** Creates `path` (never overwrites), writes all of `bytes` and fsyncs it. */
  writeFile: async (path: string, bytes: Uint8Array): Promise<void> => {
    const handle = await fsp.open(path, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from: string, to: string): Promise<void> => fsp.rename(from, to),
  /** Creates `path` (never overwrites, readable by the owner only) for writing in pieces. */
  createWriter: async (path: string): Promise<StreamingFile> => {
    const handle = await fsp.open(path, 'wx', 0o600);
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await handle.close();
    };
    return {
      write: async (bytes) => {
        let done = 0;
        while (done < bytes.length) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
      },
      finish: async () => {
        await handle.sync();
        await close();
      },
      abort: close,
    };
  },
};

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Makes a rename or a new entry in `dir` durable (POSIX); Windows cannot open a directory and does not need it. */
export async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}

export async function writeDurable(path: string, bytes: Uint8Array): Promise<void> {
  await fsp.mkdir(dirname(path), { recursive: true });
  await exchangeFiles.writeFile(path, bytes);
}

const errnoOf = (err: unknown): string | null =>
  err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string' ? (err as { code: string }).code : null;

/** The clerk's message for a failed write to a folder or a USB drive (null when it is not a disk error). */
export function diskErrorMessage(err: unknown, what: string): string | null {
  switch (errnoOf(err)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `目标磁盘空间不足，${what}未能写完。未完成的文件已清除，请换一个空间足够的 U 盘或文件夹后重试。`;
    case 'EIO':
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
      return `写入时目标文件夹不可用（U 盘可能已被拔出或出现故障），${what}未能写完。请重新插好 U 盘后重试，未完成的文件不可使用。`;
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return `目标文件夹不可写入（只读或没有权限），${what}未生成。请换一个文件夹后重试。`;
    default:
      return null;
  }
}
