// Lint rules: typescript-eslint's recommended set on server/ and test/, browser globals for public/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'certs/', 'data/', '.emulator-data/', 'test-results/', '.compiled/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The start-up scripts Node runs before any TypeScript (server/start.js, server/compile.js).
    files: ['server/**/*.js'],
    languageOptions: { globals: { console: 'readonly' } },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: {
      globals: {
        window: 'readonly',
        document: 'readonly',
        history: 'readonly',
        location: 'readonly',
        fetch: 'readonly',
        navigator: 'readonly',
        URLSearchParams: 'readonly',
        setTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        console: 'readonly',
        HTMLElement: 'readonly',
      },
    },
  },
);
