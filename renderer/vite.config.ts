import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

// The renderer is served from app://mail-ha-studio/ in Electron and from 127.0.0.1 by the test bridge;
// relative asset paths work for both.
export default defineConfig({
  root: path.resolve(import.meta.dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, '../dist/renderer'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  server: { fs: { allow: [path.resolve(import.meta.dirname, '..')] } },
});
