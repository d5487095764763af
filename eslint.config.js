import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  {
    // Plain Node scripts (bench, conformance CLI) run untranspiled.
    files: ['**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        performance: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        AbortController: 'readonly',
        TextDecoder: 'readonly',
      },
    },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // Deterministic core: time and chance come from the World, never from the host.
    files: [
      'src/net/**',
      'src/kernel/**',
      'src/tools/**',
      'src/shell/**',
      'src/trace/**',
      'src/k8s/cluster/**',
      'src/k8s/proxy/**',
      'src/k8s/cni/**',
      'src/k8s/kubelet/**',
      'src/k8s/twin/**',
    ],
    // Tests and their helpers drive the virtual clock from the host loop.
    ignores: ['**/*.test.ts', 'src/tools/testing.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Use the World clock.' },
        { object: 'Math', property: 'random', message: 'Use the World rng.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use the World clock.' },
        { name: 'setInterval', message: 'Use the World clock.' },
        { name: 'setImmediate', message: 'The host loop is injected from cli/.' },
      ],
    },
  },
);
