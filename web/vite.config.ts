/** Builds the single-page web app into web/dist; `npm start` serves it on the API's origin. */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // web/scripts/size.ts reads it to find what the first page load needs.
    manifest: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
});
