import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

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
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contract'] },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: ['type:contract', 'type:util', 'type:data'] },
            // A feature builds on data, util and contract, and on the base features (directives,
            // planning) — which themselves depend on no feature at all.
            {
              sourceTag: 'type:feature',
              onlyDependOnLibsWithTags: ['type:contract', 'type:data', 'type:util', 'layer:base'],
            },
            { sourceTag: 'layer:base', notDependOnLibsWithTags: ['type:feature'] },
            // The console talks to a node only over HTTP, through its generated client.
            { sourceTag: 'type:console', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contract',
                'type:data',
                'type:util',
                'type:feature',
                'type:app',
              ],
            },
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
