import { href, http, uploadFile } from './client'
import type {
  DepartmentStep,
  PushSubscriptionBody,
  CategoryQuestionSettings,
  CategorySettings,
  DepartmentSettings,
  ClinicNewProvider,
  ClinicServiceSettings,
  ImportKind,
  GeoPolygon,
  GridLevel,
  Role,
  AssociationView,
  ProblemAction,
  ProblemSource,
  ProblemState,
  ProblemView,
  Visibility,
} from './types'

export const authApi = {
  requestCode: (phone: string, channel: 'sms' | 'voice' = 'sms') => http.post('/auth/otp', { body: { phone, channel } }),
  verifyCode: (phone: string, code: string) => http.post('/auth/otp/verify', { body: { phone, code } }),
  login: (phone: string, password: string) => http.post('/auth/login', { body: { phone, password } }),
  logout: () => http.post('/auth/logout'),
}

export const meApi = {
  get: () => http.get('/me', { redirectOn401: false }),
  /** Who is signed in, or no one: answers a signed-out visitor without an error. */
  session: () => http.get('/session'),
  update: (body: { name?: string; locale?: string }) => http.patch('/me', { body }),
  setHome: (body: { unitId: number; room: string; name?: string }) => http.put('/me/home', { body }),
  sms: () => http.get('/me/sms'),
  messages: () => http.get('/me/messages'),
  unread: () => http.get('/me/messages/unread'),
  /** The home page's warnings, notices and unread count in one round trip. */
  homePage: () => http.get('/me/home-page'),
  send: (body: string, clientKey: string) => http.post('/me/messages', { body: { body, clientKey } }),
  endAllSessions: () => http.post('/me/sessions/end-all'),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.put('/me/password', { body: { currentPassword, newPassword } }),
}

export const householdApi = {
  mine: () => http.get('/me/household'),
  waiting: () => http.get('/staff/household-requests'),
  accept: (accountId: number) => http.post('/household-requests/{accountId}/accept', { path: { accountId } }),
  decline: (accountId: number) => http.post('/household-requests/{accountId}/decline', { path: { accountId } }),
}

export const notificationApi = {
  list: () => http.get('/me/notifications'),
  readAll: () => http.post('/me/notifications/read'),
}

export const pushApi = {
  status: () => http.get('/me/push'),
  subscribe: (body: PushSubscriptionBody) => http.put('/me/push', { body }),
  unsubscribe: (endpoint: string) => http.post('/me/push/unsubscribe', { body: { endpoint } }),
}

export const conversationApi = {
  list: () => http.get('/staff/conversations'),
  thread: (residentId: number) => http.get('/staff/conversations/{residentId}', { path: { residentId } }),
  reply: (residentId: number, body: string, clientKey: string) =>
    http.post('/staff/conversations/{residentId}', { path: { residentId }, body: { body, clientKey } }),
}

export const gridApi = {
  communities: (q: string) => http.get('/communities', { query: { q } }),
  buildings: (communityId: number) => http.get('/communities/{id}/buildings', { path: { id: communityId } }),
  locate: (lat: number, lng: number) => http.get('/grid-nodes/locate', { query: { lat, lng } }),
}

export const mapApi = {
  settings: () => http.get('/map/settings'),
  grids: (under: number) => http.get('/map/grids', { query: { under } }),
  node: (id: number, days = 30) => http.get('/map/nodes/{id}', { path: { id }, query: { days } }),
}

export const staffApi = {
  home: () => http.get('/staff/home'),
  node: (id: number) => http.get('/staff/nodes/{id}', { path: { id } }),
  /** Whom a notice or warning to this node reaches, for the confirmation before sending. */
  audience: (id: number) => http.get('/staff/nodes/{id}/audience', { path: { id } }),
  residents: (gridId: number, after?: number) =>
    http.get('/grids/{id}/residents', { path: { id: gridId }, query: { limit: 50, after } }),
  registerResident: (body: { phone: string; name: string; unitId: number; room: string }) =>
    http.post('/residents', { body }),
  gridLeaders: (nodeId: number) => http.get('/staff/nodes/{id}/grid-leaders', { path: { id: nodeId } }),
  leaderHistory: (gridId: number) => http.get('/grids/{id}/leaders', { path: { id: gridId } }),
  assignLeader: (gridId: number, leaderId: number) =>
    http.put('/grids/{id}/leader', { path: { id: gridId }, body: { leaderId } }),
}

export const platformApi = {
  config: () => http.get('/config'),
  demoInbox: () => http.get('/demo/inbox'),
}

export interface NewReport {
  categoryCode: string
  description: string
  unitId?: number
  locationText?: string
  lat?: number
  lng?: number
  visibility: Visibility
  photoIds: number[]
  /** Answers to the category's extra questions, by question code. */
  answers?: Record<string, string[]>
}

/** A department answering a problem through the link in its text: the link is the key, no account. */
export const departmentApi = {
  task: (token: string) => http.get('/department-links/{token}', { path: { token } }),
  step: (token: string, step: DepartmentStep, text?: string, photoIds: number[] = []) =>
    http.post('/department-links/{token}/steps', { path: { token }, body: { step, text, photoIds } }),
  uploadPhoto: (token: string, file: Blob) => uploadFile('/department-links/{token}/photos', file, { path: { token } }),
  revoke: (problemId: number) => http.post('/problems/{id}/department-link/revoke', { path: { id: problemId } }),
}

export const problemApi = {
  categories: () => http.get('/problem-categories'),
  uploadPhoto: (file: Blob) => uploadFile('/photos', file),
  report: (body: NewReport, idempotencyKey: string) =>
    http.post('/problems', { body, headers: { 'Idempotency-Key': idempotencyKey } }),
  mine: (before?: number) => http.get('/me/problems', { query: { before } }),
  get: (id: number) => http.get('/problems/{id}', { path: { id } }),
  act: (id: number, action: ProblemAction, reason?: string, rating?: number) =>
    http.post('/problems/{id}/actions', { path: { id }, body: { action, reason, rating } }),
  inbox: (filter: {
    state?: ProblemState
    source?: ProblemSource
    category?: string
    overdue?: boolean
    q?: string
    byDeadline?: boolean
    last?: ProblemView
  }) => {
    const last = filter.last
    const query = {
      state: filter.state,
      source: filter.source,
      category: filter.category,
      overdue: filter.overdue || undefined,
      q: filter.q,
      sort: filter.byDeadline ? ('deadline' as const) : undefined,
      after: last && filter.byDeadline ? last.id : undefined,
      afterDue: last && filter.byDeadline ? (last.state === 'SUBMITTED' ? last.acceptDueAt : last.resolveDueAt) : undefined,
      before: last && !filter.byDeadline ? last.id : undefined,
    }
    return http.get('/staff/problems', { query })
  },
  counts: () => http.get('/staff/problems/counts'),
  similar: (category: string, unitId?: number) =>
    http.get('/problems/similar', { query: { category, unitId } }),
  follow: (id: number) => http.post('/problems/{id}/follow', { path: { id } }),
  setVisibility: (id: number, visibility: Visibility, reason?: string) =>
    http.put('/problems/{id}/visibility', { path: { id }, body: { visibility, reason } }),
  merge: (id: number, intoId: number) => http.post('/problems/{id}/merge', { path: { id }, body: { intoId } }),
  transferTargets: (id: number) => http.get('/problems/{id}/transfer-targets', { path: { id } }),
  /** To another grid ({ gridId }) or a department ({ departmentId }). */
  transfer: (id: number, to: { gridId: number } | { departmentId: number }, reason: string) =>
    http.post('/problems/{id}/transfer', { path: { id }, body: { ...to, reason } }),
  messages: (id: number) => http.get('/problems/{id}/messages', { path: { id } }),
  postMessage: (id: number, body: string, clientKey: string, internal: boolean, photoId?: number) =>
    http.post('/problems/{id}/messages', { path: { id }, body: { body, clientKey, internal, photoId } }),
}

export const templateApi = {
  list: () => http.get('/staff/reply-templates'),
  add: (body: string) => http.post('/staff/reply-templates', { body: { body } }),
  remove: (id: number) => http.delete('/staff/reply-templates/{id}', { path: { id } }),
}

export const smsAdminApi = {
  failed: () => http.get('/admin/sms/failed'),
  resend: (id: number) => http.post('/admin/sms/{id}/resend', { path: { id } }),
}

export const importApi = {
  dryRun: (kind: ImportKind, file: File) =>
    uploadFile('/admin/imports/{kind}/dry-run', file, { path: { kind }, query: { name: file.name } }),
  apply: (kind: ImportKind, file: File) =>
    uploadFile('/admin/imports/{kind}', file, { path: { kind }, query: { name: file.name } }),
  run: (id: number) => http.get('/admin/imports/{id}', { path: { id } }),
  history: () => http.get('/admin/imports'),
  audit: (before?: number) => http.get('/admin/audit', { query: { before } }),
}

export const clinicSetupApi = {
  providers: (communityId: number) => http.get('/admin/communities/{id}/clinic', { path: { id: communityId } }),
  addProvider: (communityId: number, body: ClinicNewProvider) =>
    http.post('/admin/communities/{id}/clinic/providers', { path: { id: communityId }, body }),
  addService: (providerId: number, body: ClinicServiceSettings) =>
    http.post('/admin/clinic/providers/{id}/services', { path: { id: providerId }, body }),
  changeService: (serviceId: number, body: ClinicServiceSettings) =>
    http.put('/admin/clinic/services/{id}', { path: { id: serviceId }, body }),
  close: (serviceId: number, day: string, reason: string) =>
    http.post('/admin/clinic/services/{id}/closures', { path: { id: serviceId }, body: { day, reason } }),
  reopen: (serviceId: number, day: string) => http.delete('/admin/clinic/services/{id}/closures/{day}', { path: { id: serviceId, day } }),
  addClinician: (providerId: number, body: { name: string; phone: string }) =>
    http.post('/admin/clinic/providers/{id}/staff', { path: { id: providerId }, body }),
  removeClinician: (providerId: number, accountId: number) =>
    http.delete('/admin/clinic/providers/{id}/staff/{accountId}', { path: { id: providerId, accountId } }),
  serveGrids: (providerId: number, gridIds: number[]) => http.put('/admin/clinic/providers/{id}/grids', { path: { id: providerId }, body: { gridIds } }),
}

export const categoryAdminApi = {
  categories: () => http.get('/admin/categories'),
  saveCategory: (code: string, body: CategorySettings) => http.put('/admin/categories/{code}', { path: { code }, body }),
  saveQuestions: (code: string, questions: CategoryQuestionSettings[]) =>
    http.put('/admin/categories/{code}/questions', { path: { code }, body: { questions } }),
  departments: () => http.get('/admin/departments'),
  saveDepartment: (code: string, body: DepartmentSettings) => http.put('/admin/departments/{code}', { path: { code }, body }),
}

export const treeAdminApi = {
  addChild: (parentId: number, body: { code: string; name: string; hotline?: string }) =>
    http.post('/admin/nodes/{id}/children', { path: { id: parentId }, body }),
  rename: (id: number, body: { name: string; hotline?: string }) => http.put('/admin/nodes/{id}', { path: { id }, body }),
  parentChoices: (id: number, q: string) => http.get('/admin/nodes/{id}/parent-choices', { path: { id }, query: { q } }),
  move: (id: number, parentId: number) => http.post('/admin/nodes/{id}/move', { path: { id }, body: { parentId } }),
  moveBuildings: (gridId: number, toGridId: number, buildingIds: number[]) =>
    http.post('/admin/grids/{id}/buildings/move', { path: { id: gridId }, body: { toGridId, buildingIds } }),
  merge: (gridId: number, intoGridId: number) => http.post('/admin/grids/{id}/merge', { path: { id: gridId }, body: { gridId: intoGridId } }),
  retire: (id: number) => http.post('/admin/nodes/{id}/retire', { path: { id } }),
  reshape: (id: number, polygon: GeoPolygon) => http.put('/admin/nodes/{id}/boundary', { path: { id }, body: polygon }),
}

export const staffAdminApi = {
  list: (nodeId: number, q: string, after?: number) =>
    http.get('/admin/nodes/{id}/staff', { path: { id: nodeId }, query: { q, after } }),
  invite: (nodeId: number, body: { name: string; phone: string; role: Role }) => http.post('/admin/nodes/{id}/staff', { path: { id: nodeId }, body }),
  deactivate: (id: number) => http.post('/admin/staff/{id}/deactivate', { path: { id } }),
  repost: (id: number, body: { role: Role; nodeId: number }) => http.put('/admin/staff/{id}', { path: { id }, body }),
  resetPassword: (id: number) => http.post('/staff/members/{id}/password-reset', { path: { id } }),
  nodes: (level: GridLevel, q: string) => http.get('/admin/node-search', { query: { level, q } }),
}

export const webhookApi = {
  list: () => http.get('/admin/webhooks'),
  register: (body: { name: string; url: string; nodeId: number; events: string[] }) =>
    http.post('/admin/webhooks', { body }),
  disable: (id: number) => http.delete('/admin/webhooks/{id}', { path: { id } }),
  ping: (id: number) => http.post('/admin/webhooks/{id}/ping', { path: { id } }),
  deliveries: (id: number, before?: number) =>
    http.get('/admin/webhooks/{id}/deliveries', { path: { id }, query: { limit: 20, before } }),
  retry: (id: number, deliveryId: number) =>
    http.post('/admin/webhooks/{id}/deliveries/{deliveryId}/retry', { path: { id, deliveryId } }),
}

export const open311Api = {
  list: () => http.get('/admin/open311-clients'),
  issue: (name: string) => http.post('/admin/open311-clients', { body: { name } }),
  revoke: (id: number) => http.delete('/admin/open311-clients/{id}', { path: { id } }),
}

export interface NewActivity {
  title: string
  description?: string
  place: string
  startsAt: string
  endsAt: string
  signupDeadline?: string
  capacity: number
  repeatWeeks?: number
}

export interface NewAssociation {
  communityId: number
  name: string
  kind: 'CLUB' | 'VOLUNTEER' | 'MUTUAL_AID'
  description: string
  organiserId?: number
  organiserPhone?: string
  meetingTime?: string
  meetingPlace?: string
  memberLimit?: number
  joinPolicy: 'OPEN' | 'APPROVAL'
  openToNeighbours: boolean
}

export const associationApi = {
  browse: (q?: string) => http.get('/associations', { query: { q: q || undefined } }),
  create: (body: NewAssociation) => http.post('/associations', { body }),
  get: (id: number) => http.get('/associations/{id}', { path: { id } }),
  join: (id: number) => http.post('/associations/{id}/join', { path: { id } }),
  leave: (id: number) => http.post('/associations/{id}/leave', { path: { id } }),
  members: (id: number) => http.get('/associations/{id}/members', { path: { id } }),
  decide: (id: number, accountId: number, approve: boolean, reason?: string) =>
    http.post('/associations/{id}/members/{accountId}/decision', { path: { id, accountId }, body: { approve, reason } }),
  activities: (id: number) => http.get('/associations/{id}/activities', { path: { id } }),
  setCover: (id: number, photoId: number) => http.put('/associations/{id}/cover', { path: { id }, body: { photoId } }),
  change: (
    id: number,
    body: { name: string; description: string; meetingTime?: string; meetingPlace?: string; memberLimit?: number; joinPolicy: AssociationView['joinPolicy']; openToNeighbours: boolean },
  ) => http.put('/associations/{id}', { path: { id }, body }),
  announcements: (id: number) => http.get('/associations/{id}/announcements', { path: { id } }),
  announce: (id: number, body: string, bySms: boolean) =>
    http.post('/associations/{id}/announcements', { path: { id }, body: { body, bySms } }),
  participation: () => http.get('/staff/participation'),
  communityActivities: (communityId: number) => http.get('/communities/{id}/activities', { path: { id: communityId } }),
  publishForCommunity: (communityId: number, body: NewActivity) =>
    http.post('/communities/{id}/activities', { path: { id: communityId }, body }),
  publish: (id: number, body: NewActivity) => http.post('/associations/{id}/activities', { path: { id }, body }),
}

export const activityApi = {
  get: (id: number) => http.get('/activities/{id}', { path: { id } }),
  signUp: (id: number) => http.post('/activities/{id}/signup', { path: { id } }),
  cancel: (id: number) => http.post('/activities/{id}/cancel', { path: { id } }),
  signups: (id: number) => http.get('/activities/{id}/signups', { path: { id } }),
  callOff: (id: number, reason: string) => http.post('/activities/{id}/call-off', { path: { id }, body: { reason } }),
  change: (id: number, body: NewActivity) => http.put('/activities/{id}', { path: { id }, body }),
  checkIn: (id: number, accountId: number) => http.post('/activities/{id}/signups/{accountId}/check-in', { path: { id, accountId } }),
  mine: () => http.get('/me/activities'),
  icsUrl: (id: number) => href('/activities/{id}/calendar.ics', { path: { id } }),
}

export const clinicApi = {
  providers: () => http.get('/clinic/providers'),
  patients: () => http.get('/clinic/patients'),
  slots: (serviceId: number) => http.get('/clinic/services/{id}/slots', { path: { id: serviceId } }),
  book: (body: { serviceId: number; startsAt: string; patientId?: number; reason?: string }, key: string) =>
    http.post('/clinic/bookings', { body, headers: { 'Idempotency-Key': key } }),
  cancel: (id: number) => http.post('/clinic/bookings/{id}/cancel', { path: { id } }),
  icsUrl: (id: number) => href('/clinic/bookings/{id}/calendar.ics', { path: { id } }),
  mine: () => http.get('/me/clinic-bookings'),
  wait: (body: { serviceId: number; startsAt: string; patientId?: number; reason?: string }) =>
    http.post('/clinic/waitlist', { body }),
  waitForDay: (body: { serviceId: number; day: string; patientId?: number; reason?: string }) =>
    http.post('/clinic/waitlist/day', { body }),
  waits: () => http.get('/me/clinic-waitlist'),
  accept: (waitId: number) => http.post('/clinic/waitlist/{id}/accept', { path: { id: waitId } }),
  reschedule: (id: number, startsAt: string) => http.post('/clinic/bookings/{id}/reschedule', { path: { id }, body: { startsAt } }),
  askHomeVisit: (body: { serviceId: number; patientId?: number; reason: string; preferred?: string }, key: string) =>
    http.post('/clinic/home-visits', { body, headers: { 'Idempotency-Key': key } }),
  myRequests: () => http.get('/me/clinic-requests'),
  cancelRequest: (id: number) => http.post('/clinic/requests/{id}/cancel', { path: { id } }),
  greenChannels: (patientId: number) => http.get('/clinic/green-channels', { query: { patientId } }),
  refer: (body: { serviceId: number; patientId: number; reason: string }, key: string) =>
    http.post('/clinic/referrals', { body, headers: { 'Idempotency-Key': key } }),
}

/** What clinicians (doctors and nurses of a provider) work with. */
export const clinicianApi = {
  providers: () => http.get('/clinician/providers'),
  requests: (open: boolean, before?: number) => http.get('/clinician/requests', { query: { open, before } }),
  schedule: (id: number, at: string, note?: string) => http.post('/clinic/requests/{id}/schedule', { path: { id }, body: { at, note } }),
  decline: (id: number, reason: string) => http.post('/clinic/requests/{id}/decline', { path: { id }, body: { reason } }),
  done: (id: number) => http.post('/clinic/requests/{id}/done', { path: { id } }),
  day: (serviceId: number, date: string) => http.get('/clinic/services/{id}/day', { path: { id: serviceId }, query: { date } }),
  attendance: (bookingId: number, attended: boolean) =>
    http.post('/clinic/bookings/{id}/attendance', { path: { id: bookingId }, body: { attended } }),
  undoAttendance: (bookingId: number) => http.delete('/clinic/bookings/{id}/attendance', { path: { id: bookingId } }),
}

/** The care list of a grid and the visits of residents under a node (that they exist, never why). */
export const careApi = {
  list: (gridId: number) => http.get('/staff/grids/{id}/care-list', { path: { id: gridId } }),
  put: (residentId: number, kind: string, note?: string) => http.put('/staff/care-list/{residentId}', { path: { residentId }, body: { kind, note } }),
  remove: (residentId: number) => http.delete('/staff/care-list/{residentId}', { path: { residentId } }),
  visits: (nodeId: number, careList: boolean) => http.get('/staff/clinic/visits', { query: { nodeId, careList } }),
}

/** The community's 24-hour hotline, as residents reach it. */
export const hotlineApi = {
  mine: () => http.get('/hotline'),
  leave: (text: string, key: string) => http.post('/hotline/messages', { body: { text }, headers: { 'Idempotency-Key': key } }),
}

/** The duty roster and hotline log of a community, for its admins. */
export const rosterApi = {
  get: (community: number) => http.get('/staff/communities/{id}/roster', { path: { id: community } }),
  rotation: (community: number, firstStart: string, shiftHours: number, memberIds: number[]) =>
    http.put('/staff/communities/{id}/roster/rotation', { path: { id: community }, body: { firstStart, shiftHours, memberIds } }),
  override: (community: number, body: { from: string; to: string; accountId: number; note?: string }) =>
    http.post('/staff/communities/{id}/roster/overrides', { path: { id: community }, body }),
  removeOverride: (community: number, id: number) => http.delete('/staff/communities/{id}/roster/overrides/{shiftId}', { path: { id: community, shiftId: id } }),
  fallbacks: (community: number, accountIds: number[]) => http.put('/staff/communities/{id}/roster/fallbacks', { path: { id: community }, body: { accountIds } }),
  log: (community: number) => http.get('/staff/communities/{id}/hotline-log', { path: { id: community } }),
  handled: (contactId: number) => http.post('/staff/hotline-contacts/{id}/handled', { path: { id: contactId } }),
  contact: (contactId: number) => http.get('/staff/hotline-contacts/{id}', { path: { id: contactId } }),
  fileRequest: (contactId: number, text: string) => http.post('/staff/hotline-contacts/{id}/request', { path: { id: contactId }, body: { text } }),
}

/** The patrol diary (民情日记) of grid staff. */
export interface NewPatrol {
  gridId: number
  date: string
  area: string
  notes?: string
  photoIds: number[]
  findings: { categoryCode: string; description: string; unitId?: number }[]
}

export const patrolApi = {
  log: (body: NewPatrol, key: string) => http.post('/staff/patrols', { body, headers: { 'Idempotency-Key': key } }),
  diary: (nodeId: number, before?: number) => http.get('/staff/patrols', { query: { nodeId, before } }),
}

/** Notices to grids and subtrees. */
export const noticeApi = {
  mine: () => http.get('/notices'),
  posted: (nodeId: number) => http.get('/staff/notices', { query: { nodeId } }),
  post: (body: { nodeId: number; kind: string; title: string; body: string; bySms: boolean }, key: string) =>
    http.post('/staff/notices', { body, headers: { 'Idempotency-Key': key } }),
}

/** Four-level warnings. */
export const warningApi = {
  forMe: () => http.get('/warnings'),
  mine: () => http.get('/staff/my-warnings'),
  acknowledge: (id: number) => http.post('/staff/warnings/{id}/acknowledge', { path: { id } }),
  issued: (nodeId: number) => http.get('/staff/warnings', { query: { nodeId } }),
  acks: (id: number) => http.get('/staff/warnings/{id}', { path: { id } }),
  issue: (body: { nodeId: number; level: string; title: string; instructions: string; validUntil: string }, key: string) =>
    http.post('/staff/warnings', { body, headers: { 'Idempotency-Key': key } }),
}

/** The numbers of a node of the grid tree. */
export const dashboardApi = {
  get: (nodeId: number, days: number) => http.get('/staff/dashboard', { query: { nodeId, days } }),
  csvUrl: (nodeId: number, table: 'children' | 'category' | 'source' | 'weeks', days: number) =>
    href('/staff/dashboard/{table}.csv', { path: { table }, query: { nodeId, days } }),
}
