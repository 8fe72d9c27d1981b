// An esbuild plugin: zod v4 re-exports every locale (`z.locales`, `z.core.locales`), about
// 264 KB of translated messages that Apps Script would parse on every execution. Nothing here
// switches the locale (zod configures English itself), so its locales index resolves to a
// module that offers English only.
import { dirname, join } from 'node:path';

export const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      const en = join(dirname(args.importer), '..', 'locales', 'en.js');
      return { path: en.replace(/en\.js$/, 'index.english-only.js'), namespace: 'zod-english-only', pluginData: en };
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.pluginData)};`,
      resolveDir: dirname(args.pluginData),
      loader: 'js',
    }));
  },
};
