import { http, uploadFile } from './client'
import type {
  WebhookSubscriber,
  RegisteredWebhook,
  WebhookDelivery,
  WebhookDeliveryPage,
  WebhookEvent,
  DepartmentStep,
  DepartmentTask,
  PushStatus,
  SessionView,
  PushSubscriptionBody,
  Audience,
  AreaMap,
  GridOutline,
  MapSettings,
  TreeOutcome,
  AuditEntry,
  CategoryQuestionSettings,
  CategoryRow,
  CategorySettings,
  DepartmentRow,
  DepartmentSettings,
  ClinicNewProvider,
  ClinicServiceSettings,
  ClinicSetupProvider,
  ClinicSetupService,
  Dashboard,
  ImportKind,
  ImportReport,
  ImportRun,
  GeoPolygon,
  GridLevel,
  NodeRef,
  Role,
  StaffRow,
  Household,
  HouseholdRequest,
  MyWarning,
  WarningAcks,
  ResidentHomePage,
  WarningView,
  NoticeView,
  PatrolView,
  HotlineContact,
  HotlineLeft,
  HotlineLog,
  HotlineView,
  Roster,
  CareEntry,
  ClinicRequest,
  ClinicServiceView,
  ClinicVisitRow,
  ClinicBooking,
  ClinicPatient,
  ClinicProvider,
  ClinicSlot,
  ClinicWait,
  Announcement,
  Participation,
  ActivityView,
  AssociationView,
  MemberView,
  SignupView,
  Building,
  Category,
  ChatMessage,
  Conversation,
  CodeSent,
  Community,
  LeaderTerm,
  Me,
  NodeDetail,
  NotificationPage,
  PhotoRef,
  Person,
  ProblemAction,
  ProblemMessage,
  ProblemSource,
  ProblemState,
  ProblemView,
  Visibility,
  FailedText,
  PublicConfig,
  IssuedKey,
  Open311Client,
  ReplyTemplate,
  ResidentPage,
  ResidentRow,
  SmsMessage,
  Thread,
  TransferTargets,
} from './types'

export const authApi = {
  requestCode: (phone: string, channel: 'sms' | 'voice' = 'sms') => http.post<CodeSent>('/auth/otp', { phone, channel }),
  verifyCode: (phone: string, code: string) => http.post<Me>('/auth/otp/verify', { phone, code }),
  login: (phone: string, password: string) => http.post<Me>('/auth/login', { phone, password }),
  logout: () => http.post<void>('/auth/logout'),
}

export const meApi = {
  get: () => http.get<Me>('/me', { redirectOn401: false }),
  /** Who is signed in, or no one: answers a signed-out visitor without an error. */
  session: () => http.get<SessionView>('/session'),
  update: (body: { name?: string; locale?: string }) => http.patch<Me>('/me', body),
  setHome: (body: { unitId: number; room: string; name?: string }) => http.put<Me>('/me/home', body),
  sms: () => http.get<SmsMessage[]>('/me/sms'),
  messages: () => http.get<Thread>('/me/messages'),
  unread: () => http.get<{ count: number }>('/me/messages/unread'),
  /** The home page's warnings, notices and unread count in one round trip. */
  homePage: () => http.get<ResidentHomePage>('/me/home-page'),
  send: (body: string, clientKey: string) => http.post<ChatMessage>('/me/messages', { body, clientKey }),
  endAllSessions: () => http.post<void>('/me/sessions/end-all'),
  changePassword: (currentPassword: string, newPassword: string) =>
    http.put<void>('/me/password', { currentPassword, newPassword }),
}

export const householdApi = {
  mine: () => http.get<Household>('/me/household'),
  waiting: () => http.get<HouseholdRequest[]>('/staff/household-requests'),
  accept: (accountId: number) => http.post<void>(`/household-requests/${accountId}/accept`),
  decline: (accountId: number) => http.post<void>(`/household-requests/${accountId}/decline`),
}

export const notificationApi = {
  list: () => http.get<NotificationPage>('/me/notifications'),
  readAll: () => http.post<void>('/me/notifications/read'),
}

export const pushApi = {
  status: () => http.get<PushStatus>('/me/push'),
  subscribe: (body: PushSubscriptionBody) => http.put<void>('/me/push', body),
  unsubscribe: (endpoint: string) => http.post<void>('/me/push/unsubscribe', { endpoint }),
}

export const conversationApi = {
  list: () => http.get<Conversation[]>('/staff/conversations'),
  thread: (residentId: number) => http.get<Thread>(`/staff/conversations/${residentId}`),
  reply: (residentId: number, body: string, clientKey: string) =>
    http.post<ChatMessage>(`/staff/conversations/${residentId}`, { body, clientKey }),
}

export const gridApi = {
  communities: (q: string) => http.get<Community[]>('/communities?q=' + encodeURIComponent(q)),
  buildings: (communityId: number) => http.get<Building[]>(`/communities/${communityId}/buildings`),
  locate: (lat: number, lng: number) => http.get<NodeRef | null>(`/grid-nodes/locate?lat=${lat}&lng=${lng}`),
}

export const mapApi = {
  settings: () => http.get<MapSettings>('/map/settings'),
  grids: (under: number) => http.get<GridOutline[]>(`/map/grids?under=${under}`),
  node: (id: number, days = 30) => http.get<AreaMap>(`/map/nodes/${id}?days=${days}`),
}

export const staffApi = {
  home: () => http.get<NodeDetail>('/staff/home'),
  node: (id: number) => http.get<NodeDetail>(`/staff/nodes/${id}`),
  /** Whom a notice or warning to this node reaches, for the confirmation before sending. */
  audience: (id: number) => http.get<Audience>(`/staff/nodes/${id}/audience`),
  residents: (gridId: number, after?: number) =>
    http.get<ResidentPage>(`/grids/${gridId}/residents?limit=50${after ? '&after=' + after : ''}`),
  registerResident: (body: { phone: string; name: string; unitId: number; room: string }) =>
    http.post<ResidentRow>('/residents', body),
  gridLeaders: (nodeId: number) => http.get<Person[]>(`/staff/nodes/${nodeId}/grid-leaders`),
  leaderHistory: (gridId: number) => http.get<LeaderTerm[]>(`/grids/${gridId}/leaders`),
  assignLeader: (gridId: number, leaderId: number) =>
    http.put<LeaderTerm[]>(`/grids/${gridId}/leader`, { leaderId }),
}

export const platformApi = {
  config: () => http.get<PublicConfig>('/config'),
  demoInbox: () => http.get<SmsMessage[]>('/demo/inbox'),
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
  task: (token: string) => http.get<DepartmentTask>(`/department-links/${encodeURIComponent(token)}`),
  step: (token: string, step: DepartmentStep, text?: string, photoIds: number[] = []) =>
    http.post<DepartmentTask>(`/department-links/${encodeURIComponent(token)}/steps`, { step, text, photoIds }),
  uploadPhoto: (token: string, file: Blob) => uploadFile<PhotoRef>(`/department-links/${encodeURIComponent(token)}/photos`, file),
  revoke: (problemId: number) => http.post<void>(`/problems/${problemId}/department-link/revoke`),
}

export const problemApi = {
  categories: () => http.get<Category[]>('/problem-categories'),
  uploadPhoto: (file: Blob) => uploadFile<PhotoRef>('/photos', file),
  report: (body: NewReport, idempotencyKey: string) =>
    http.post<ProblemView>('/problems', body, { headers: { 'Idempotency-Key': idempotencyKey } }),
  mine: (before?: number) => http.get<ProblemView[]>(`/me/problems${before ? `?before=${before}` : ''}`),
  get: (id: number) => http.get<ProblemView>(`/problems/${id}`),
  act: (id: number, action: ProblemAction, reason?: string, rating?: number) =>
    http.post<ProblemView>(`/problems/${id}/actions`, { action, reason, rating }),
  inbox: (filter: {
    state?: ProblemState
    source?: ProblemSource
    category?: string
    overdue?: boolean
    q?: string
    byDeadline?: boolean
    last?: ProblemView
  }) => {
    const q = new URLSearchParams()
    if (filter.state) q.set('state', filter.state)
    if (filter.source) q.set('source', filter.source)
    if (filter.category) q.set('category', filter.category)
    if (filter.overdue) q.set('overdue', 'true')
    if (filter.q) q.set('q', filter.q)
    if (filter.byDeadline) q.set('sort', 'deadline')
    if (filter.last && filter.byDeadline) {
      q.set('after', String(filter.last.id))
      q.set('afterDue', filter.last.state === 'SUBMITTED' ? filter.last.acceptDueAt : filter.last.resolveDueAt)
    } else if (filter.last) {
      q.set('before', String(filter.last.id))
    }
    return http.get<ProblemView[]>('/staff/problems?' + q.toString())
  },
  counts: () => http.get<Record<string, number>>('/staff/problems/counts'),
  similar: (category: string, unitId?: number) =>
    http.get<ProblemView[]>(`/problems/similar?category=${encodeURIComponent(category)}${unitId ? '&unitId=' + unitId : ''}`),
  follow: (id: number) => http.post<ProblemView>(`/problems/${id}/follow`),
  setVisibility: (id: number, visibility: Visibility, reason?: string) =>
    http.put<ProblemView>(`/problems/${id}/visibility`, { visibility, reason }),
  merge: (id: number, intoId: number) => http.post<ProblemView>(`/problems/${id}/merge`, { intoId }),
  transferTargets: (id: number) => http.get<TransferTargets>(`/problems/${id}/transfer-targets`),
  /** To another grid ({ gridId }) or a department ({ departmentId }). */
  transfer: (id: number, to: { gridId: number } | { departmentId: number }, reason: string) =>
    http.post<ProblemView>(`/problems/${id}/transfer`, { ...to, reason }),
  messages: (id: number) => http.get<ProblemMessage[]>(`/problems/${id}/messages`),
  postMessage: (id: number, body: string, clientKey: string, internal: boolean, photoId?: number) =>
    http.post<ProblemMessage>(`/problems/${id}/messages`, { body, clientKey, internal, photoId }),
}

export const templateApi = {
  list: () => http.get<ReplyTemplate[]>('/staff/reply-templates'),
  add: (body: string) => http.post<ReplyTemplate>('/staff/reply-templates', { body }),
  remove: (id: number) => http.delete<void>(`/staff/reply-templates/${id}`),
}

export const smsAdminApi = {
  failed: () => http.get<FailedText[]>('/admin/sms/failed'),
  resend: (id: number) => http.post<void>(`/admin/sms/${id}/resend`),
}

export const importApi = {
  dryRun: (kind: ImportKind, file: File) =>
    uploadFile<ImportReport>(`/admin/imports/${kind}/dry-run?name=${encodeURIComponent(file.name)}`, file),
  apply: (kind: ImportKind, file: File) =>
    uploadFile<ImportRun>(`/admin/imports/${kind}?name=${encodeURIComponent(file.name)}`, file),
  run: (id: number) => http.get<ImportRun>(`/admin/imports/${id}`),
  history: () => http.get<ImportRun[]>('/admin/imports'),
  audit: (before?: number) => http.get<AuditEntry[]>(`/admin/audit${before ? `?before=${before}` : ''}`),
}

export const clinicSetupApi = {
  providers: (communityId: number) => http.get<ClinicSetupProvider[]>(`/admin/communities/${communityId}/clinic`),
  addProvider: (communityId: number, body: ClinicNewProvider) =>
    http.post<ClinicSetupProvider>(`/admin/communities/${communityId}/clinic/providers`, body),
  addService: (providerId: number, body: ClinicServiceSettings) =>
    http.post<ClinicSetupService>(`/admin/clinic/providers/${providerId}/services`, body),
  changeService: (serviceId: number, body: ClinicServiceSettings) =>
    http.put<ClinicSetupService>(`/admin/clinic/services/${serviceId}`, body),
  close: (serviceId: number, day: string, reason: string) =>
    http.post<ClinicSetupService>(`/admin/clinic/services/${serviceId}/closures`, { day, reason }),
  reopen: (serviceId: number, day: string) => http.delete<ClinicSetupService>(`/admin/clinic/services/${serviceId}/closures/${day}`),
  addClinician: (providerId: number, body: { name: string; phone: string }) =>
    http.post<ClinicSetupProvider>(`/admin/clinic/providers/${providerId}/staff`, body),
  removeClinician: (providerId: number, accountId: number) =>
    http.delete<ClinicSetupProvider>(`/admin/clinic/providers/${providerId}/staff/${accountId}`),
  serveGrids: (providerId: number, gridIds: number[]) => http.put<ClinicSetupProvider>(`/admin/clinic/providers/${providerId}/grids`, { gridIds }),
}

export const categoryAdminApi = {
  categories: () => http.get<CategoryRow[]>('/admin/categories'),
  saveCategory: (code: string, body: CategorySettings) => http.put<CategoryRow[]>(`/admin/categories/${code}`, body),
  saveQuestions: (code: string, questions: CategoryQuestionSettings[]) =>
    http.put<CategoryRow[]>(`/admin/categories/${code}/questions`, { questions }),
  departments: () => http.get<DepartmentRow[]>('/admin/departments'),
  saveDepartment: (code: string, body: DepartmentSettings) => http.put<DepartmentRow[]>(`/admin/departments/${code}`, body),
}

export const treeAdminApi = {
  addChild: (parentId: number, body: { code: string; name: string; hotline?: string }) =>
    http.post<NodeRef>(`/admin/nodes/${parentId}/children`, body),
  rename: (id: number, body: { name: string; hotline?: string }) => http.put<NodeRef>(`/admin/nodes/${id}`, body),
  parentChoices: (id: number, q: string) => http.get<NodeRef[]>(`/admin/nodes/${id}/parent-choices?q=${encodeURIComponent(q)}`),
  move: (id: number, parentId: number) => http.post<TreeOutcome>(`/admin/nodes/${id}/move`, { parentId }),
  moveBuildings: (gridId: number, toGridId: number, buildingIds: number[]) =>
    http.post<TreeOutcome>(`/admin/grids/${gridId}/buildings/move`, { toGridId, buildingIds }),
  merge: (gridId: number, intoGridId: number) => http.post<TreeOutcome>(`/admin/grids/${gridId}/merge`, { gridId: intoGridId }),
  retire: (id: number) => http.post<TreeOutcome>(`/admin/nodes/${id}/retire`),
  reshape: (id: number, polygon: GeoPolygon) => http.put<NodeRef>(`/admin/nodes/${id}/boundary`, polygon),
}

export const staffAdminApi = {
  list: (nodeId: number, q: string, after?: number) =>
    http.get<StaffRow[]>(`/admin/nodes/${nodeId}/staff?q=${encodeURIComponent(q)}${after ? `&after=${after}` : ''}`),
  invite: (nodeId: number, body: { name: string; phone: string; role: Role }) => http.post<StaffRow>(`/admin/nodes/${nodeId}/staff`, body),
  deactivate: (id: number) => http.post<StaffRow>(`/admin/staff/${id}/deactivate`),
  repost: (id: number, body: { role: Role; nodeId: number }) => http.put<StaffRow>(`/admin/staff/${id}`, body),
  resetPassword: (id: number) => http.post<void>(`/staff/members/${id}/password-reset`),
  nodes: (level: GridLevel, q: string) => http.get<NodeRef[]>(`/admin/node-search?level=${level}&q=${encodeURIComponent(q)}`),
}

export const webhookApi = {
  list: () => http.get<WebhookSubscriber[]>('/admin/webhooks'),
  register: (body: { name: string; url: string; nodeId: number; events: string[] }) =>
    http.post<RegisteredWebhook>('/admin/webhooks', body),
  disable: (id: number) => http.delete<WebhookSubscriber>(`/admin/webhooks/${id}`),
  ping: (id: number) => http.post<WebhookEvent>(`/admin/webhooks/${id}/ping`),
  deliveries: (id: number, before?: number) =>
    http.get<WebhookDeliveryPage>(`/admin/webhooks/${id}/deliveries?limit=20${before ? `&before=${before}` : ''}`),
  retry: (id: number, deliveryId: number) =>
    http.post<WebhookDelivery>(`/admin/webhooks/${id}/deliveries/${deliveryId}/retry`),
}

export const open311Api = {
  list: () => http.get<Open311Client[]>('/admin/open311-clients'),
  issue: (name: string) => http.post<IssuedKey>('/admin/open311-clients', { name }),
  revoke: (id: number) => http.delete<Open311Client>(`/admin/open311-clients/${id}`),
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
  browse: (q?: string) => http.get<AssociationView[]>('/associations' + (q ? '?q=' + encodeURIComponent(q) : '')),
  create: (body: NewAssociation) => http.post<AssociationView>('/associations', body),
  get: (id: number) => http.get<AssociationView>(`/associations/${id}`),
  join: (id: number) => http.post<AssociationView>(`/associations/${id}/join`),
  leave: (id: number) => http.post<AssociationView>(`/associations/${id}/leave`),
  members: (id: number) => http.get<MemberView[]>(`/associations/${id}/members`),
  decide: (id: number, accountId: number, approve: boolean, reason?: string) =>
    http.post<MemberView[]>(`/associations/${id}/members/${accountId}/decision`, { approve, reason }),
  activities: (id: number) => http.get<ActivityView[]>(`/associations/${id}/activities`),
  setCover: (id: number, photoId: number) => http.put<AssociationView>(`/associations/${id}/cover`, { photoId }),
  change: (
    id: number,
    body: { name: string; description: string; meetingTime?: string; meetingPlace?: string; memberLimit?: number; joinPolicy: AssociationView['joinPolicy']; openToNeighbours: boolean },
  ) => http.put<AssociationView>(`/associations/${id}`, body),
  announcements: (id: number) => http.get<Announcement[]>(`/associations/${id}/announcements`),
  announce: (id: number, body: string, bySms: boolean) =>
    http.post<Announcement[]>(`/associations/${id}/announcements`, { body, bySms }),
  participation: () => http.get<Participation>('/staff/participation'),
  communityActivities: (communityId: number) => http.get<ActivityView[]>(`/communities/${communityId}/activities`),
  publishForCommunity: (communityId: number, body: NewActivity) =>
    http.post<ActivityView[]>(`/communities/${communityId}/activities`, body),
  publish: (id: number, body: NewActivity) => http.post<ActivityView[]>(`/associations/${id}/activities`, body),
}

export const activityApi = {
  get: (id: number) => http.get<ActivityView>(`/activities/${id}`),
  signUp: (id: number) => http.post<ActivityView>(`/activities/${id}/signup`),
  cancel: (id: number) => http.post<ActivityView>(`/activities/${id}/cancel`),
  signups: (id: number) => http.get<SignupView[]>(`/activities/${id}/signups`),
  callOff: (id: number, reason: string) => http.post<ActivityView>(`/activities/${id}/call-off`, { reason }),
  change: (id: number, body: NewActivity) => http.put<ActivityView>(`/activities/${id}`, body),
  checkIn: (id: number, accountId: number) => http.post<SignupView[]>(`/activities/${id}/signups/${accountId}/check-in`),
  mine: () => http.get<ActivityView[]>('/me/activities'),
  icsUrl: (id: number) => `/api/v1/activities/${id}/calendar.ics`,
}

export const clinicApi = {
  providers: () => http.get<ClinicProvider[]>('/clinic/providers'),
  patients: () => http.get<ClinicPatient[]>('/clinic/patients'),
  slots: (serviceId: number) => http.get<ClinicSlot[]>(`/clinic/services/${serviceId}/slots`),
  book: (body: { serviceId: number; startsAt: string; patientId?: number; reason?: string }, key: string) =>
    http.post<ClinicBooking>('/clinic/bookings', body, { headers: { 'Idempotency-Key': key } }),
  cancel: (id: number) => http.post<ClinicBooking>(`/clinic/bookings/${id}/cancel`),
  icsUrl: (id: number) => `/api/v1/clinic/bookings/${id}/calendar.ics`,
  mine: () => http.get<ClinicBooking[]>('/me/clinic-bookings'),
  wait: (body: { serviceId: number; startsAt: string; patientId?: number; reason?: string }) =>
    http.post<ClinicWait>('/clinic/waitlist', body),
  waitForDay: (body: { serviceId: number; day: string; patientId?: number; reason?: string }) =>
    http.post<ClinicWait>('/clinic/waitlist/day', body),
  waits: () => http.get<ClinicWait[]>('/me/clinic-waitlist'),
  accept: (waitId: number) => http.post<ClinicBooking>(`/clinic/waitlist/${waitId}/accept`),
  reschedule: (id: number, startsAt: string) => http.post<ClinicBooking>(`/clinic/bookings/${id}/reschedule`, { startsAt }),
  askHomeVisit: (body: { serviceId: number; patientId?: number; reason: string; preferred?: string }, key: string) =>
    http.post<ClinicRequest>('/clinic/home-visits', body, { headers: { 'Idempotency-Key': key } }),
  myRequests: () => http.get<ClinicRequest[]>('/me/clinic-requests'),
  cancelRequest: (id: number) => http.post<ClinicRequest>(`/clinic/requests/${id}/cancel`),
  greenChannels: (patientId: number) => http.get<ClinicServiceView[]>(`/clinic/green-channels?patientId=${patientId}`),
  refer: (body: { serviceId: number; patientId: number; reason: string }, key: string) =>
    http.post<ClinicRequest>('/clinic/referrals', body, { headers: { 'Idempotency-Key': key } }),
}

/** What clinicians (doctors and nurses of a provider) work with. */
export const clinicianApi = {
  providers: () => http.get<ClinicProvider[]>('/clinician/providers'),
  requests: (open: boolean, before?: number) => http.get<ClinicRequest[]>(`/clinician/requests?open=${open}${before ? `&before=${before}` : ''}`),
  schedule: (id: number, at: string, note?: string) => http.post<ClinicRequest>(`/clinic/requests/${id}/schedule`, { at, note }),
  decline: (id: number, reason: string) => http.post<ClinicRequest>(`/clinic/requests/${id}/decline`, { reason }),
  done: (id: number) => http.post<ClinicRequest>(`/clinic/requests/${id}/done`),
  day: (serviceId: number, date: string) => http.get<ClinicBooking[]>(`/clinic/services/${serviceId}/day?date=${date}`),
  attendance: (bookingId: number, attended: boolean) =>
    http.post<ClinicBooking>(`/clinic/bookings/${bookingId}/attendance`, { attended }),
  undoAttendance: (bookingId: number) => http.delete<ClinicBooking>(`/clinic/bookings/${bookingId}/attendance`),
}

/** The care list of a grid and the visits of residents under a node (that they exist, never why). */
export const careApi = {
  list: (gridId: number) => http.get<CareEntry[]>(`/staff/grids/${gridId}/care-list`),
  put: (residentId: number, kind: string, note?: string) => http.put<CareEntry>(`/staff/care-list/${residentId}`, { kind, note }),
  remove: (residentId: number) => http.delete<void>(`/staff/care-list/${residentId}`),
  visits: (nodeId: number, careList: boolean) => http.get<ClinicVisitRow[]>(`/staff/clinic/visits?nodeId=${nodeId}&careList=${careList}`),
}

/** The community's 24-hour hotline, as residents reach it. */
export const hotlineApi = {
  mine: () => http.get<HotlineView>('/hotline'),
  leave: (text: string, key: string) => http.post<HotlineLeft>('/hotline/messages', { text }, { headers: { 'Idempotency-Key': key } }),
}

/** The duty roster and hotline log of a community, for its admins. */
export const rosterApi = {
  get: (community: number) => http.get<Roster>(`/staff/communities/${community}/roster`),
  rotation: (community: number, firstStart: string, shiftHours: number, memberIds: number[]) =>
    http.put<Roster>(`/staff/communities/${community}/roster/rotation`, { firstStart, shiftHours, memberIds }),
  override: (community: number, body: { from: string; to: string; accountId: number; note?: string }) =>
    http.post<Roster>(`/staff/communities/${community}/roster/overrides`, body),
  removeOverride: (community: number, id: number) => http.delete<Roster>(`/staff/communities/${community}/roster/overrides/${id}`),
  fallbacks: (community: number, accountIds: number[]) => http.put<Roster>(`/staff/communities/${community}/roster/fallbacks`, { accountIds }),
  log: (community: number) => http.get<HotlineLog>(`/staff/communities/${community}/hotline-log`),
  handled: (contactId: number) => http.post<void>(`/staff/hotline-contacts/${contactId}/handled`),
  contact: (contactId: number) => http.get<HotlineContact>(`/staff/hotline-contacts/${contactId}`),
  fileRequest: (contactId: number, text: string) => http.post<HotlineContact>(`/staff/hotline-contacts/${contactId}/request`, { text }),
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
  log: (body: NewPatrol, key: string) => http.post<PatrolView>('/staff/patrols', body, { headers: { 'Idempotency-Key': key } }),
  diary: (nodeId: number, before?: number) => http.get<PatrolView[]>(`/staff/patrols?nodeId=${nodeId}${before ? `&before=${before}` : ''}`),
}

/** Notices to grids and subtrees. */
export const noticeApi = {
  mine: () => http.get<NoticeView[]>('/notices'),
  posted: (nodeId: number) => http.get<NoticeView[]>(`/staff/notices?nodeId=${nodeId}`),
  post: (body: { nodeId: number; kind: string; title: string; body: string; bySms: boolean }, key: string) =>
    http.post<NoticeView>('/staff/notices', body, { headers: { 'Idempotency-Key': key } }),
}

/** Four-level warnings. */
export const warningApi = {
  forMe: () => http.get<WarningView[]>('/warnings'),
  mine: () => http.get<MyWarning[]>('/staff/my-warnings'),
  acknowledge: (id: number) => http.post<MyWarning>(`/staff/warnings/${id}/acknowledge`),
  issued: (nodeId: number) => http.get<WarningView[]>(`/staff/warnings?nodeId=${nodeId}`),
  acks: (id: number) => http.get<WarningAcks>(`/staff/warnings/${id}`),
  issue: (body: { nodeId: number; level: string; title: string; instructions: string; validUntil: string }, key: string) =>
    http.post<WarningView>('/staff/warnings', body, { headers: { 'Idempotency-Key': key } }),
}

/** The numbers of a node of the grid tree. */
export const dashboardApi = {
  get: (nodeId: number, days: number) => http.get<Dashboard>(`/staff/dashboard?nodeId=${nodeId}&days=${days}`),
  csvUrl: (nodeId: number, table: 'children' | 'category' | 'source' | 'weeks', days: number) =>
    `/api/v1/staff/dashboard/${table}.csv?nodeId=${nodeId}&days=${days}`,
}
