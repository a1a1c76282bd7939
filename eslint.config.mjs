// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // STYLE.md §2: named re-exports only.
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'Use named re-exports (STYLE.md §2).' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/consistent-type-exports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'memberLike', modifiers: ['private'], format: ['camelCase'], leadingUnderscore: 'require' },
        { selector: 'memberLike', modifiers: ['protected'], format: ['camelCase'], leadingUnderscore: 'require' },
      ],
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // *.legacy.ts files compile only with experimentalDecorators: tsconfig.json leaves them out.
    files: ['**/*.legacy.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './tsconfig.legacy.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    // STYLE.md §1: nothing the browser entry reaches may import Node built-ins.
    files: ['src/browser.ts', 'src/**/*.browser.ts', 'src/browser/**/*.ts', 'src/tracker/**/*.ts', 'src/decorators/**/*.ts', 'src/destinations/http/**/*.ts', 'src/destinations/memory-destination.ts', 'src/destinations/console-destination.ts', 'src/errors.ts'],
    ignores: ['src/**/*.node.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['fs', 'fs/promises', 'path', 'os', 'crypto', 'http', 'https', 'net', 'async_hooks', 'child_process', 'stream', 'url', 'util', 'zlib'].map((name) => ({ name, message: 'Node built-ins belong in *.node.ts files (STYLE.md §1).' })),
          patterns: [{ group: ['node:*'], message: 'Node built-ins belong in *.node.ts files (STYLE.md §1).' }],
        },
      ],
    },
  },
  {
    files: ['__tests__/**/*.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-focused-tests': 'error',
      'jest/no-disabled-tests': 'error',
      'jest/expect-expect': 'off',
      'jest/no-conditional-expect': 'off',
      'jest/no-done-callback': 'off',
      'max-lines': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
