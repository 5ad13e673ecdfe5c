import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import Components from 'unplugin-vue-components/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The console (联动工作台): built once into dist/console and served by every node at
 * /console/. Element Plus components are imported on demand (with their CSS), each route
 * is its own chunk.
 */
export default defineConfig({
  root,
  base: '/console/',
  plugins: [
    vue(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: 'css' })],
      dts: false,
    }),
  ],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    reportCompressedSize: false,
  },
  server: {
    // `npx vite apps/console` during development: every path but the console's own goes to the
    // API of a node started with `npm start` (so a new route needs no entry here).
    proxy: {
      '^/(?!console(/|$))': { target: process.env.LIANDONG_NODE_URL ?? 'http://127.0.0.1:4100' },
    },
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    root,
    // The resolver adds `import 'element-plus/es/components/*/style/css'`; externalised, those
    // modules import .css files Node cannot load. Inlined, Vite handles the CSS.
    server: { deps: { inline: ['element-plus'] } },
  },
});
