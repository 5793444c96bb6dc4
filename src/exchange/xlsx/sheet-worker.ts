// Worker-thread entry: reads one worksheet off the server's event loop (issue 11: other users were frozen up to
// 5.4 s while a file was parsed). Started by read-sheet.ts with the file's bytes; answers once and exits.
import { parentPort, workerData } from 'node:worker_threads';
import { readWorkbookSheet } from './sheet-reader';
import { SheetError } from './sheet-error';

export type SheetJob = { bytes: Uint8Array; sheetName: string | null };
export type SheetAnswer = { ok: true; value: ReturnType<typeof readWorkbookSheet> } | { ok: false; message: string; refused: boolean };

function answer(job: SheetJob): SheetAnswer {
  try {
    const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
    return { ok: true, value: readWorkbookSheet(bytes, job.sheetName) };
  } catch (err) {
    // A SheetError carries the clerk's message; anything else is a bug, reported by its name only: a message
    // could quote the file's contents (ID numbers).
    if (err instanceof SheetError) return { ok: false, message: err.message, refused: true };
    return { ok: false, message: err instanceof Error ? err.name : 'Error', refused: false };
  }
}

parentPort?.postMessage(answer(workerData as SheetJob));
