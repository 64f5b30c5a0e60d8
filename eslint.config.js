// Lint of the TypeScript code base: typescript-eslint's strict, type-aware rules, with the options
// below relaxed where the strict default is wrong for this code base. Run it with `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', '.docusaurus/', 'src/content/types.generated.ts', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Numbers and booleans read naturally in messages.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // `() => void` shorthands (event handlers, callbacks) return nothing anyone reads.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { key: _key, ...rest } = object` is how the code base leaves a key out of an object.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // tsconfig has noUncheckedIndexedAccess: `!` states what the line just established (a matched regex
      // group, `split()[0]`, an index inside its loop bounds); the alternatives are untestable fallbacks.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `async` without `await` is how hooks, commands and fakes implement a Promise-returning interface,
      // and it turns a synchronous throw into a rejection, which callers rely on.
      '@typescript-eslint/require-await': 'off',
      // Matching control characters is the point of the sanitisers (XML, CSV, branch names, text fields).
      'no-control-regex': 'off',
    },
  },
);
