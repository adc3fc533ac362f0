// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * Dependency direction (DESIGN.md "Rules that keep it clean"):
 *   renderer → (types of) core/api ← electron → core
 * core never imports electron/ or renderer/; the renderer imports only types from core/api,
 * plus the pure modules core/mime and core/message.
 */
const notFromCore = [
  { group: ['**/electron/**', '**/renderer/**', 'electron', 'react', 'react-dom', 'dexie'], message: 'core/ is the engine: it never imports the hosts, the UI or Electron.' },
];
const pureCore = [
  ...notFromCore,
  { group: ['node:*', 'fs', 'path', 'net', 'tls', 'crypto', 'os', 'buffer', 'stream', 'zlib'], message: 'core/mime and core/message are pure: web-platform APIs only, so they also run in the renderer.' },
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench-results/**', 'test/servers/.run/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: notFromCore }] },
  },
  {
    files: ['core/mime/**/*.ts', 'core/message/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: pureCore }] },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'The hosts talk to the renderer only through the contract in core/api.' }] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // Values may come only from the pure modules; anything else from core/ or electron/ is type-only.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '(^|/)core/(?!api/|mime/|message/)', message: 'The renderer may use only core/api (types), core/mime and core/message.' },
            { regex: '(^|/)core/api/', allowTypeImports: true, message: 'The renderer imports only types from core/api; values come over the bridge.' },
            { group: ['**/electron/**', 'electron', 'node:*'], message: 'The renderer runs in a sandboxed page: no Electron, no Node.' },
          ],
        },
      ],
    },
  },
);
