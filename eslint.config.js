// One lint setup for every workspace (each workspace's `lint` script runs eslint with this file).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/.data/**', '**/dist/**', '**/migrations/**', 'web/src/gql/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.e2e.ts', 'scripts/**', 'web/scripts/**', 'bench/**', 'examples/**', '**/testing/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // vitest runs a worker's test files in one module graph (isolate: false in vitest.config.ts),
    // so a module mock, a stubbed global or fake timers would leak into the files after it.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.e2e.ts', '**/testing/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'stubGlobal', 'stubEnv', 'useFakeTimers'].map((property) => ({
          object: 'vi',
          property,
          message: 'Test files share one module graph per worker (isolate: false); test against real things instead.',
        })),
      ],
    },
  },
);
