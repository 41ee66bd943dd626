import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.data/', 'templates/', '.browser-tests/', 'web/src/api/schema.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Nest controllers and modules are classes with decorators only.
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    // Response bodies in e2e tests are untyped JSON; asserting on them is the point of the test.
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Domain rules and the allocation engine are plain TypeScript (DESIGN.md section 1): no
    // framework, no persistence, no I/O libraries, nothing from a module's services or entities.
    files: ['src/**/domain/**/*.ts', 'src/engine/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'express', 'exceljs', 'class-validator', 'class-transformer', 'rxjs'],
              message: 'domain/ and the allocation engine stay free of framework and persistence imports',
            },
            {
              group: ['**/entities/*', '**/*.service.js', '**/*.module.js', '**/*.controller.js', '**/database/*', '**/dto/*'],
              message: 'domain/ and the allocation engine import other domain code only, not services, entities or DTOs',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine and common/ sit below every module (DESIGN.md section 1, "ownership"): nothing
    // there imports a module, so no module cycle can run through them. (Later blocks replace the
    // rule for the files they match, so the engine's block repeats the purity patterns above.)
    files: ['src/engine/**/*.ts', 'src/common/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'the engine and common/ sit below every module: they import none' }] },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm', 'typeorm/*', 'pg', 'pg-*', 'express', 'exceljs', 'class-validator', 'class-transformer', 'rxjs'],
              message: 'domain/ and the allocation engine stay free of framework and persistence imports',
            },
            { group: ['**/modules/**', '**/database/*'], message: 'the engine sits below every module: it imports none, nor the database' },
          ],
        },
      ],
    },
  },
  {
    // The web app runs in the browser.
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
