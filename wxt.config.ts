import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

// Explicit imports everywhere (no auto-imports) so every module says what it uses.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Portolan',
    description: 'Every port number on the web explains itself: hover a port to see its IANA assignment, history and real-world use.',
    permissions: ['storage'],
    browser_specific_settings: {
      gecko: { id: 'portolan@portolan.dev', strict_min_version: '115.0' },
    },
  },
});
