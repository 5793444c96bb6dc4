import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ overrideConfigFile: 'eslint.config.js' });

async function importErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture import rules (eslint.config.js)', () => {
  it.each([
    ["import fs from 'node:fs';", 'src/domain/x.ts'],
    ["import { readFileSync } from 'fs';", 'src/domain/x.ts'],
    ["import { createHash } from 'crypto';", 'src/contract/x.ts'],
    ["import { app } from 'electron';", 'src/contract/x.ts'],
    ["import React from 'react';", 'src/domain/x.ts'],
    ["import { Button } from 'antd';", 'src/domain/x.ts'],
    ["import Database from 'better-sqlite3';", 'src/domain/x.ts'],
  ])('keeps domain and contract pure: %s in %s', async (code, filePath) => {
    expect(await importErrors(code, filePath)).toHaveLength(1);
  });

  it.each([
    ["import { app } from 'electron';", 'src/services/x.ts'],
    ["import { handleCall } from '../../electron/call';", 'src/services/x.ts'],
    ["import { App } from '../renderer/src/App';", 'src/x.ts'],
  ])('keeps the core out of the shells: %s in %s', async (code, filePath) => {
    expect(await importErrors(code, filePath)).toHaveLength(1);
  });

  it.each([
    ["import Database from 'better-sqlite3';", 'renderer/src/x.tsx'],
    ["import { x } from '../../src/store/db';", 'renderer/src/pages/a.tsx'],
    ["import { dispatch } from '../../../src/services/dispatch';", 'renderer/src/pages/cases/a.tsx'],
    ["import { serve } from '../../src/host/server';", 'renderer/src/pages/a.tsx'],
    ["import { join } from 'node:path';", 'renderer/src/x.ts'],
    ["import { ipcRenderer } from 'electron';", 'renderer/src/x.ts'],
  ])('keeps the renderer on the API: %s in %s', async (code, filePath) => {
    expect(await importErrors(code, filePath)).toHaveLength(1);
  });

  it.each([
    ["import { commands } from '../../src/contract';", 'renderer/src/pages/a.tsx'],
    ["import { parseIdNumber } from '../../../src/domain/id-number';", 'renderer/src/pages/x/a.tsx'],
    ["import { openDatabase } from '../store/db';", 'src/services/x.ts'],
    ["import { join } from 'node:path';", 'src/services/x.ts'],
    ["import { blankDate } from './renderer';", 'src/documents/x.ts'],
    ["import { formatPath } from './result';", 'src/contract/x.ts'],
    ["import { app } from 'electron';", 'electron/x.ts'],
  ])('allows %s in %s', async (code, filePath) => {
    expect(await importErrors(code, filePath)).toEqual([]);
  });
});
