// The officials' web app: built into dist/web and served by the API process under /app
// (src/modules/web). `npm run build` runs it beside the server build.
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // One chunk per screen group keeps the sign-in page small (bench/browser measures it).
    chunkSizeWarningLimit: 1200,
  },
});
