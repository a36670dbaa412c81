import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { ApiError } from '@/api/client'
import { authApi, meApi } from '@/api/endpoints'
import type { Me } from '@/api/types'

/** Who is signed in on this device, as the server says. */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)

  // Grid staff; clinicians work for a clinic and see nothing of the grid.
  const isStaff = computed(() => me.value !== null && me.value.role !== 'RESIDENT' && me.value.role !== 'CLINICIAN')

  /** Where this person starts: the resident's home, the staff workbench, the clinician's, or signing in. */
  const startPage = computed(() => {
    const role = me.value?.role
    if (!role) return '/login'
    if (role === 'RESIDENT') return '/'
    return role === 'CLINICIAN' ? '/clinician' : '/staff'
  })

  async function load(): Promise<Me | null> {
    try {
      // Asked of /session, which answers "no one" to a signed-out visitor instead of a 401 the browser would log.
      me.value = (await meApi.session()).me ?? null
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e
      me.value = null
    } finally {
      loaded.value = true
    }
    return me.value
  }

  function set(value: Me) {
    me.value = value
    loaded.value = true
  }

  async function logout() {
    await authApi.logout()
    me.value = null
  }

  /** Ends every session of this person, on every device, this one too. */
  async function logoutEverywhere() {
    await meApi.endAllSessions()
    me.value = null
  }

  return { me, loaded, isStaff, startPage, load, set, logout, logoutEverywhere }
})
