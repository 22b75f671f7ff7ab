// Lint: type-checked TypeScript rules for server, tests and benchmarks; browser scripts as plain modules.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // With verbatimModuleSyntax, `import { type X }` stays a runtime import of the module; dependency-cruiser counts
      // it as type-only, so the cycle fence would miss it. `import type` is erased, as both assume.
      '@typescript-eslint/no-import-type-side-effects': 'error',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: { globals: { ...globals.browser, L: 'readonly' }, sourceType: 'module' },
  },
  {
    files: ['*.js'],
    languageOptions: { globals: globals.node },
  },
);
