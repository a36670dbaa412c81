import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { Button } from 'vant'
// Styles of the Vant functions called from scripts (templates' components bring their own).
import 'vant/es/toast/style'
import 'vant/es/image-preview/style'
import 'vant/es/dialog/style'
import './styles.css'
import App from './App.vue'
import { i18n } from './i18n'
import { router } from './router'
import { configureApi } from './api/client'
import { platformApi } from './api/endpoints'
import { setDisplayZone } from './components/format'

// A button busy with its work keeps a name, "请稍候…" beside its spinner, for eyes and screen readers alike (Vant shows
// the spinner alone unless a loading text is given; this gives every button one, in the person's language).
;(Button.props as unknown as Record<string, unknown>).loadingText = { type: String, default: () => i18n.global.t('common.working') }

const app = createApp(App)
app.use(createPinia())
app.use(i18n)
app.use(router)

configureApi({
  language: () => i18n.global.locale.value,
  networkMessage: () => i18n.global.t('common.networkError'),
  onUnauthorized: () => {
    if (router.currentRoute.value.name !== 'login') {
      void router.push({ name: 'login', query: { redirect: router.currentRoute.value.fullPath } })
    }
  },
})

app.mount('#app')

// Installable, and opens with no network: the service worker keeps the app shell (not in development, where Vite
// serves modules one by one).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined)
  })
}

platformApi
  .config()
  .then((config) => setDisplayZone(config.timeZone))
  .catch(() => undefined)
