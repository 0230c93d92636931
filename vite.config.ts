import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The built site is static files: no server, no cross-origin isolation required.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
  server: { port: 5173, strictPort: false },
});
