import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const TESTING_IMPORT = {
  name: '@liandong/testing',
  message: 'test helpers are for tests; the local federation tooling is @liandong/local-federation',
};

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/.nx', '**/jest.config.ts', 'jest.preset.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [],
          depConstraints: [
            {
              sourceTag: 'type:contract',
              onlyDependOnLibsWithTags: ['type:tooling', 'type:testing'],
            },
            {
              sourceTag: 'type:util',
              onlyDependOnLibsWithTags: ['type:contract', 'type:tooling', 'type:testing'],
            },
            {
              sourceTag: 'type:data',
              onlyDependOnLibsWithTags: [
                'type:contract',
                'type:util',
                'type:data',
                'type:tooling',
                'type:testing',
              ],
            },
            // A feature builds on data, util and contract, and on the base features (directives,
            // planning) — which themselves depend on no feature at all.
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: [
                'type:contract',
                'type:data',
                'type:util',
                'layer:base',
                'type:tooling',
                'type:testing',
              ],
            },
            { sourceTag: 'layer:base', notDependOnLibsWithTags: ['type:feature'] },
            // The local federation's tooling (sample tree, databases, own services, the
            // in-process federation) serves the CLI, the bench and the tests; it needs no app.
            {
              sourceTag: 'type:tooling',
              onlyDependOnLibsWithTags: [
                'type:contract',
                'type:data',
                'type:util',
                'type:feature',
                'type:tooling',
                'type:testing',
              ],
            },
            // Test helpers may use anything but an app; only tests import them (below). The
            // libraries' own tests use the tooling and the helpers, their code does not (below).
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:contract',
                'type:data',
                'type:util',
                'type:feature',
                'type:tooling',
              ],
            },
            // The console talks to a node only over HTTP, through its generated client.
            { sourceTag: 'type:console', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contract',
                'type:data',
                'type:util',
                'type:feature',
                'type:tooling',
                'type:app',
                'type:testing',
              ],
            },
          ],
        },
      ],
    },
  },
  // Production code never imports test helpers; a library's code never imports the local
  // federation's tooling either (its tests may; the apps' code may).
  {
    files: ['apps/*/src/**/*.ts', 'libs/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.module-spec.ts', 'libs/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [TESTING_IMPORT] }],
    },
  },
  {
    files: ['libs/*/src/**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      '**/*.e2e-spec.ts',
      '**/*.module-spec.ts',
      'libs/testing/**',
      'libs/local-federation/**',
      'libs/local-services/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            TESTING_IMPORT,
            ...['@liandong/local-federation', '@liandong/local-services'].map((name) => ({
              name,
              message: 'the local federation tooling serves the apps and the tests, not a library',
            })),
          ],
        },
      ],
    },
  },
  // The console's single-file components: Vue's recommended rules, TypeScript in <script>;
  // layout is prettier's.
  ...vue.configs['flat/recommended'].map((config) => ({
    ...config,
    files: ['apps/console/**/*.vue'],
  })),
  {
    files: ['apps/console/**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.vue'],
        sourceType: 'module',
      },
    },
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
    },
  },
];
