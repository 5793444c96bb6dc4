// Flat config. The import rules are the architecture's rooms (docs/architecture.md): who may import what.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = builtinModules.filter((name) => !name.startsWith('_'));

const nodeOnly = (where) => [
  { group: ['node:*'], message: `${where} runs without Node: no node:* modules.` },
];
const builtinPaths = (where) =>
  NODE_BUILTINS.map((name) => ({ name, message: `${where} runs without Node: no Node built-ins (${name}).` }));
const banned = (names, message) => names.map((name) => ({ name, message }));

/** src/** is the core: it never reaches into the shells. Relative climbs to the repo's electron/ or renderer/. */
const coreShellPatterns = [
  {
    regex: '^(\\.\\./)+(electron|renderer)/',
    message: 'src/ is the core and knows nothing of the Electron shell or the renderer.',
  },
];
const corePaths = banned(['electron'], 'src/ runs under plain Node; only electron/ may import electron.');

/** src/domain and src/contract are pure: shared with the renderer, no I/O, no UI. */
const purePaths = [
  ...corePaths,
  ...builtinPaths('src/domain and src/contract'),
  ...banned(
    ['react', 'react-dom', 'antd', '@ant-design/icons', 'better-sqlite3'],
    'src/domain and src/contract are pure: no UI, no database.',
  ),
];
const purePatterns = [
  ...coreShellPatterns,
  ...nodeOnly('src/domain and src/contract'),
  { group: ['react-dom/*', 'antd/*', 'better-sqlite3/*'], message: 'src/domain and src/contract are pure.' },
];

/** renderer/** may take from src/ only the contract and the domain. */
const rendererPatterns = [
  ...nodeOnly('The renderer'),
  {
    regex: '^(\\.\\./)+src/(?!(contract|domain)(/|$))',
    message: 'The renderer imports from src/ only contract and domain; everything else goes through the API.',
  },
  {
    regex: '^(\\.\\./)+electron/',
    message: 'The renderer talks to the Electron shell only through window.dibao.',
  },
];
const rendererPaths = [
  ...builtinPaths('The renderer'),
  ...banned(['electron', 'better-sqlite3'], 'The renderer is sandboxed: no Electron, no database.'),
];

/** Build tooling that lives in renderer/ but runs in Node (vite config). */
const RENDERER_TOOLING = ['renderer/*.config.*'];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'dist/',
    'dist-electron/',
    'renderer/dist/',
    'test-results/',
    'playwright-report/',
    'resources/',
    'coverage/',
  ]),
  js.configs.recommended,
  {
    // U+3000 (全角空格) is ordinary in Chinese official documents: allow it in text, never in code.
    rules: {
      'no-irregular-whitespace': [
        'error',
        { skipStrings: true, skipComments: true, skipTemplates: true, skipRegExps: true, skipJSXText: true },
      ],
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts}'],
    ignores: ['renderer/**', ...RENDERER_TOOLING.map((f) => `!${f}`)],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['renderer/**/*.{ts,tsx,js}'],
    ignores: RENDERER_TOOLING,
    languageOptions: { globals: { ...globals.browser } },
  },
  // Later objects replace a rule's options, so each room lists the whole set that applies to it.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: corePaths, patterns: coreShellPatterns }] },
  },
  {
    files: ['src/domain/**/*.{ts,tsx}', 'src/contract/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: purePaths, patterns: purePatterns }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: RENDERER_TOOLING,
    rules: { 'no-restricted-imports': ['error', { paths: rendererPaths, patterns: rendererPatterns }] },
  },
]);
