import { defineConfig, devices } from '@playwright/test'

// Browser journeys against the real app: the packaged backend jar, started here with a fresh embedded database and
// the demo city, driven through Debian's Chromium (no browser download).
const port = Number(process.env.E2E_PORT ?? 18080)
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: './e2e',
  outputDir: './target/e2e-results',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    ...devices['Pixel 7'],
    viewport: { width: 390, height: 844 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'phone', use: { browserName: 'chromium' }, testIgnore: /privacy\.spec\.ts/ },
    // After every journey: what they left behind must reach nobody outside its records' reach.
    { name: 'privacy', use: { browserName: 'chromium' }, testMatch: /privacy\.spec\.ts/, dependencies: ['phone'] },
  ],
  webServer: {
    command: `rm -rf target/e2e-mariadb target/e2e-files && exec java -jar ../backend/target/onegrid.jar`,
    env: {
      ONEGRID_PORT: String(port),
      ONEGRID_DATABASE_EMBEDDED_DATA_DIR: 'target/e2e-mariadb',
      ONEGRID_STORAGE_DIR: 'target/e2e-files',
      // The dashboard's summary catches up within seconds, as a journey can wait for.
      ONEGRID_DASHBOARD_REFRESH_INTERVAL: '2s',
      ONEGRID_DASHBOARD_CACHE_TTL: '0s',
      // Asking for the code again (or for a call) waits 5 s here, not a minute.
      ONEGRID_OTP_RESEND_AFTER: '5s',
      // Every journey asks for its codes from this one address: the 30 an hour an address may ask for in production
      // (PhoneSignInTest checks that limit) ran out during the privacy journey, the suite's last.
      ONEGRID_OTP_PER_IP_PER_HOUR: '1000',
    },
    url: `http://localhost:${port}/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
})
