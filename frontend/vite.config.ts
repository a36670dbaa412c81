import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { VantResolver } from '@vant/auto-import-resolver'
import type { Plugin } from 'vite'

/**
 * Vant's icon font names a copy on a public CDN after the one it embeds. Nothing may be fetched from outside at run
 * time (and the Content-Security-Policy would refuse it), so only the embedded font is kept.
 */
function embeddedIconFontOnly(): Plugin {
  return {
    name: 'onegrid-embedded-icon-font-only',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('vant') || !id.endsWith('.css') || !code.includes('alicdn')) return null
      return { code: code.replace(/,\s*url\(["']?(?:https?:)?\/\/at\.alicdn\.com[^)]*\)\s*format\(["']?\w+["']?\)/g, ''), map: null }
    },
  }
}

export default defineConfig({
  // Vant components are imported where used, with their own CSS, so phones download only what the pages need.
  plugins: [embeddedIconFontOnly(), vue(), Components({ resolvers: [VantResolver()], dts: 'src/components.d.ts' })],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  build: {
    outDir: 'target/classes/public',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    proxy: { '/api': 'http://localhost:8080' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    // Component tests mount Vant components, whose modules import their CSS: let Vite load them.
    server: { deps: { inline: ['vant'] } },
  },
})
