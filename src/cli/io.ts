/** Where a CLI command reads and writes; in its own module so that subcommands need not import main.ts. */
export type Io = {
  stdin: NodeJS.ReadableStream;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
};
