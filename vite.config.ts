import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  // The embedded emulator's worker is a module worker (mocks/embedded-emulator.worker.ts).
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'emulator',
          environment: 'node',
          include: ['mocks/**/*.test.ts'],
          setupFiles: ['mocks/test-setup.ts'],
          benchmark: { include: ['mocks/**/*.bench.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'console',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/testing/setup.ts'],
          testTimeout: 20_000,
          benchmark: { include: ['src/**/*.bench.ts'] },
        },
      },
    ],
  },
});
