import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const backend = process.env.BACKEND_URL ?? 'http://127.0.0.1:5000';

// `npm run build -w @coach/web` writes dist/, which the Backend serves at its root URL.
// `npm run dev -w @coach/web` serves the UI with hot reload and forwards the API to a running Backend.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': backend, '/docs': backend } },
});
