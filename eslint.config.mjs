import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

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
];
