// `dibao evaluate FILE|-`: determine one household from an evaluation file (spec §10). Exit 0 with the
// determination JSON on stdout; exit 2 with one `path: message` line per problem on stderr and nothing on
// stdout for any bad input, so scripts can trust stdout whenever the exit code is 0.
import { readFile } from 'node:fs/promises';
import { parseEvaluationFile } from '../contract/evaluation';
import { DeterminationInputError, determine } from '../domain/determination';
import type { InputIssue } from '../domain/determination-types';

export type EvaluateIo = {
  stdin: NodeJS.ReadableStream;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
};

const USAGE = '用法：dibao evaluate <文件.json | ->（- 表示从标准输入读取）';

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function fail(io: EvaluateIo, issues: InputIssue[]): number {
  io.stderr(issues.map((i) => `${i.path}: ${i.message}\n`).join(''));
  return 2;
}

/** V8's message gives a character offset; a clerk with Notepad needs a line and column. */
function describeJsonError(text: string, err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const at = /position (\d+)/.exec(message);
  if (!at) return message;
  const before = text.slice(0, Number(at[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `第 ${line} 行第 ${column} 列附近（${message}）`;
}

export async function runEvaluate(args: string[], io: EvaluateIo): Promise<number> {
  if (args.length !== 1 || args[0] === '--help' || args[0] === '-h') {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const source = args[0]!;
  let text: string;
  try {
    text = source === '-' ? await readAll(io.stdin) : await readFile(source, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录' : '无法读取文件';
    return fail(io, [{ path: '(root)', message: `${why}：${source}` }]);
  }
  // A UTF-8 BOM is common in files saved by Windows Notepad; JSON.parse rejects it.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return fail(io, [{ path: '(root)', message: `JSON 格式错误：${describeJsonError(text, err)}` }]);
  }

  const parsed = parseEvaluationFile(raw);
  if (!parsed.ok) return fail(io, parsed.issues);
  const { evaluationDate, policy, household, warnings } = parsed.value;

  let output: unknown;
  try {
    output = determine(household, policy, evaluationDate);
  } catch (err) {
    if (err instanceof DeterminationInputError) return fail(io, err.issues);
    throw err;
  }
  for (const w of warnings) io.stderr(`警告：${w}\n`);
  io.stdout(`${JSON.stringify(output, null, 2)}\n`);
  return 0;
}
