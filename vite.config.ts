import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // schemas/ and streaming/ sit beside src/ and are imported by both the server and the browser.
  server: { fs: { allow: ['schemas', 'streaming'] } }
});
