import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['eslint.config.js'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': 'error',
    },
  },
  {
    files: ['src/solver/**/*.ts', 'src/domain/**/*.ts', 'src/export/**/*.ts', 'src/portfolio/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fastify*', 'bullmq', 'ioredis', 'pino', '**/api/**', '**/queue/**', '**/matrix/**', '**/bin/**', '**/pipeline*', '**/providers*', '**/config*'], message: 'solver, domain, exports and portfolio stay pure: no I/O imports (types shared with other layers live in src/contract).' },
        ],
      }],
      'no-restricted-globals': ['error', 'Date', 'process', 'console', 'fetch', 'setTimeout', 'setImmediate'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the injected Rng.' }],
    },
  },
  {
    files: ['src/solver/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['node:*', '**/api/**', '**/domain/**', '**/matrix/**', '**/queue/**', '**/bin/**', 'zod', 'fastify*', 'bullmq', 'ioredis', 'pino'], message: 'The solver imports nothing outside src/solver.' }],
      }],
    },
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['node:*', '**/api/**', '**/domain/**', '**/matrix/**', '**/queue/**', '**/bin/**', '**/solver/**', '**/pipeline*', '**/providers*', '**/config*', 'fastify*', 'bullmq', 'ioredis', 'pino'], message: 'The contract is the ground floor: it imports nothing of the project.' }],
      }],
    },
  },
  {
    files: ['bench/**/*.ts', 'src/bin/**/*.ts', 'test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
