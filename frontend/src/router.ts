import { createRouter, createWebHistory, type RouteComponent, type RouteMeta, type RouteRecordInfo } from 'vue-router'
import { useSessionStore } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    public?: boolean
    staff?: boolean
    /** Clinicians' workbench: only they open it. */
    clinician?: boolean
    /** Open to everyone signed in, clinicians too (settings, notifications). */
    anyone?: boolean
  }
}

/** A route as this app writes them (kept apart from vue-router's own type, which the names below feed into). */
interface Route {
  path: string
  name?: string
  component?: () => Promise<RouteComponent | { default: RouteComponent }>
  meta?: RouteMeta
  props?: boolean
  redirect?: string
}

export const routes = [
  { path: '/', name: 'home', component: () => import('@/features/home/ResidentHome.vue') },
  { path: '/login', name: 'login', component: () => import('@/features/auth/LoginPage.vue'), meta: { public: true } },
  { path: '/setup', name: 'setup', component: () => import('@/features/auth/SetupHomePage.vue') },
  { path: '/household', name: 'household', component: () => import('@/features/household/HouseholdPage.vue') },
  {
    path: '/staff/households',
    name: 'household-requests',
    component: () => import('@/features/household/HouseholdRequestsPage.vue'),
    meta: { staff: true },
  },
  { path: '/messages', name: 'messages', component: () => import('@/features/me/MessagesPage.vue') },
  { path: '/settings', name: 'settings', component: () => import('@/features/me/SettingsPage.vue'), meta: { anyone: true } },
  {
    path: '/d/:token',
    name: 'department-link',
    component: () => import('@/features/department/DepartmentLinkPage.vue'),
    meta: { public: true },
    props: true,
  },
  {
    path: '/demo/inbox',
    name: 'demo-inbox',
    component: () => import('@/features/demo/DemoInboxPage.vue'),
    meta: { public: true },
  },
  { path: '/staff', name: 'staff', component: () => import('@/features/staff/StaffHome.vue'), meta: { staff: true } },
  {
    path: '/staff/nodes/:id/boundary',
    name: 'staff-boundary',
    component: () => import('@/features/map/BoundaryEditorPage.vue'),
    meta: { staff: true },
    props: true,
  },
  {
    path: '/staff/nodes/:id',
    name: 'staff-node',
    component: () => import('@/features/staff/StaffHome.vue'),
    meta: { staff: true },
    props: true,
  },
  {
    path: '/staff/messages',
    name: 'staff-conversations',
    component: () => import('@/features/staff/ConversationsPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/messages/:residentId',
    name: 'staff-conversation',
    component: () => import('@/features/staff/ConversationPage.vue'),
    meta: { staff: true },
    props: true,
  },
  { path: '/notifications', name: 'notifications', component: () => import('@/features/me/NotificationsPage.vue'), meta: { anyone: true } },
  { path: '/report', name: 'report', component: () => import('@/features/problems/ReportPage.vue') },
  { path: '/problems', name: 'my-problems', component: () => import('@/features/problems/MyProblemsPage.vue') },
  {
    path: '/problems/:id',
    name: 'problem',
    component: () => import('@/features/problems/ProblemDetailPage.vue'),
    props: true,
  },
  {
    path: '/staff/problems',
    name: 'staff-inbox',
    component: () => import('@/features/staff/InboxPage.vue'),
    meta: { staff: true },
  },
  { path: '/associations', name: 'associations', component: () => import('@/features/associations/AssociationsPage.vue') },
  {
    path: '/associations/:id',
    name: 'association',
    component: () => import('@/features/associations/AssociationPage.vue'),
    props: true,
  },
  {
    path: '/activities/:id',
    name: 'activity',
    component: () => import('@/features/associations/ActivityPage.vue'),
    props: true,
  },
  {
    path: '/staff/participation',
    name: 'participation',
    component: () => import('@/features/associations/ParticipationPage.vue'),
    meta: { staff: true },
  },
  { path: '/clinic', name: 'clinic', component: () => import('@/features/clinic/ClinicPage.vue') },
  {
    path: '/clinic/services/:id',
    name: 'clinic-service',
    component: () => import('@/features/clinic/BookSlotPage.vue'),
    props: true,
  },
  {
    path: '/clinic/home-visit/:id',
    name: 'clinic-home-visit',
    component: () => import('@/features/clinic/HomeVisitPage.vue'),
    props: true,
  },
  {
    path: '/clinician',
    name: 'clinician',
    component: () => import('@/features/clinic/ClinicianHome.vue'),
    meta: { clinician: true },
  },
  {
    path: '/staff/clinic',
    name: 'staff-clinic',
    component: () => import('@/features/staff/StaffClinicPage.vue'),
    meta: { staff: true },
  },
  { path: '/hotline', name: 'hotline', component: () => import('@/features/hotline/HotlinePage.vue') },
  {
    path: '/staff/roster',
    name: 'staff-roster',
    component: () => import('@/features/hotline/RosterPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/hotline-contacts/:id',
    name: 'staff-hotline-contact',
    component: () => import('@/features/hotline/HotlineContactPage.vue'),
    props: true,
    meta: { staff: true },
  },
  {
    path: '/staff/hotline',
    name: 'staff-hotline',
    component: () => import('@/features/hotline/HotlineLogPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/patrols',
    name: 'staff-patrols',
    component: () => import('@/features/patrol/PatrolDiaryPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/patrols/new',
    name: 'staff-patrol-new',
    component: () => import('@/features/patrol/PatrolFormPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/notices',
    name: 'staff-notices',
    component: () => import('@/features/notice/NoticesPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/warnings',
    name: 'staff-warnings',
    component: () => import('@/features/warning/WarningsPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/warnings/:id',
    name: 'staff-warning',
    component: () => import('@/features/warning/WarningAcksPage.vue'),
    props: true,
    meta: { staff: true },
  },
  {
    path: '/staff/map',
    name: 'staff-map',
    component: () => import('@/features/map/AreaMapPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/dashboard',
    name: 'staff-dashboard',
    component: () => import('@/features/dashboard/DashboardPage.vue'),
    meta: { staff: true },
  },
  { path: '/me/activities', name: 'my-activities', component: () => import('@/features/associations/MyActivitiesPage.vue') },
  {
    path: '/staff/open311',
    name: 'open311-clients',
    component: () => import('@/features/admin/Open311ClientsPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/webhooks',
    name: 'webhooks',
    component: () => import('@/features/admin/WebhooksPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/communities/:id/clinic',
    name: 'clinic-setup',
    component: () => import('@/features/admin/clinic/ClinicSetupPage.vue'),
    props: true,
    meta: { staff: true },
  },
  {
    path: '/staff/nodes/:id/people',
    name: 'staff-people',
    component: () => import('@/features/admin/StaffPeoplePage.vue'),
    props: true,
    meta: { staff: true },
  },
  {
    path: '/staff/categories',
    name: 'category-admin',
    component: () => import('@/features/admin/CategoriesPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/audit',
    name: 'audit-log',
    component: () => import('@/features/admin/AuditLogPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/import',
    name: 'city-import',
    component: () => import('@/features/admin/ImportPage.vue'),
    meta: { staff: true },
  },
  {
    path: '/staff/sms',
    name: 'failed-texts',
    component: () => import('@/features/admin/FailedTextsPage.vue'),
    meta: { staff: true },
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
] as const satisfies readonly Route[]

/** The `:name` parameters of a route path. */
type ParamsOf<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamsOf<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never
type Named = Extract<(typeof routes)[number], { name: string }>
/** Every route by name, with its parameters: `{ name: 'problem', params: { id } }` is checked by vue-tsc. */
type RouteNamedMap = {
  [R in Named as R['name']]: RouteRecordInfo<
    R['name'],
    R['path'],
    Record<ParamsOf<R['path']>, string | number>,
    Record<ParamsOf<R['path']>, string>
  >
}
export type RouteName = keyof RouteNamedMap

declare module 'vue-router' {
  interface TypesConfig {
    RouteNamedMap: RouteNamedMap
  }
}

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  const session = useSessionStore()
  if (!session.loaded) {
    try {
      await session.load()
    } catch {
      // Offline or server down: let public pages open; others will show their own error.
    }
  }
  const me = session.me
  if (to.meta.public) return true
  if (!me) return { name: 'login', query: { redirect: to.fullPath } }
  if (me.role === 'RESIDENT' && me.needsHome && to.name !== 'setup') return { name: 'setup' }
  // Clinicians have their own workbench and see nothing of the grid's.
  if (me.role === 'CLINICIAN') return to.meta.clinician || to.meta.anyone ? true : { name: 'clinician' }
  if (to.meta.clinician) return me.role === 'RESIDENT' ? { name: 'home' } : { name: 'staff' }
  if (to.meta.staff && me.role === 'RESIDENT') return { name: 'home' }
  if (to.name === 'home' && me.role !== 'RESIDENT') return { name: 'staff' }
  return true
})
