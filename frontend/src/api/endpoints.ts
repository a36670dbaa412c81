import { http } from './client'
import type {
  Building,
  CodeSent,
  Community,
  Me,
  NodeDetail,
  PublicConfig,
  ResidentPage,
  ResidentRow,
  SmsMessage,
} from './types'

export const authApi = {
  requestCode: (phone: string) => http.post<CodeSent>('/auth/otp', { phone }),
  verifyCode: (phone: string, code: string) => http.post<Me>('/auth/otp/verify', { phone, code }),
  login: (phone: string, password: string) => http.post<Me>('/auth/login', { phone, password }),
  logout: () => http.post<void>('/auth/logout'),
}

export const meApi = {
  get: () => http.get<Me>('/me', { redirectOn401: false }),
  update: (body: { name?: string; locale?: string }) => http.patch<Me>('/me', body),
  setHome: (body: { unitId: number; room: string; name?: string }) => http.put<Me>('/me/home', body),
  sms: () => http.get<SmsMessage[]>('/me/sms'),
}

export const gridApi = {
  communities: (q: string) => http.get<Community[]>('/communities?q=' + encodeURIComponent(q)),
  buildings: (communityId: number) => http.get<Building[]>(`/communities/${communityId}/buildings`),
}

export const staffApi = {
  home: () => http.get<NodeDetail>('/staff/home'),
  node: (id: number) => http.get<NodeDetail>(`/staff/nodes/${id}`),
  residents: (gridId: number, after?: number) =>
    http.get<ResidentPage>(`/grids/${gridId}/residents?limit=50${after ? '&after=' + after : ''}`),
  registerResident: (body: { phone: string; name: string; unitId: number; room: string }) =>
    http.post<ResidentRow>('/residents', body),
}

export const platformApi = {
  config: () => http.get<PublicConfig>('/config'),
  demoInbox: () => http.get<SmsMessage[]>('/demo/inbox'),
}
