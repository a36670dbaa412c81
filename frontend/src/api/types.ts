// Shapes of the backend's JSON, as its OpenAPI document (/swagger/onegrid-0.1.yml) describes them.
export type GridLevel = 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'ZONE' | 'GRID'
export type Role =
  | 'RESIDENT'
  | 'GRID_WORKER'
  | 'GRID_LEADER'
  | 'COMMUNITY_ADMIN'
  | 'STREET_ADMIN'
  | 'DISTRICT_ADMIN'
  | 'CITY_ADMIN'

export interface NodeRef {
  id: number
  code: string
  name: string
  level: GridLevel
}

export interface Home {
  householdId: number
  buildingId: number
  buildingName: string
  unitId: number
  unitName: string
  room: string
  gridId: number
}

export interface LeaderCard {
  id: number | null
  name: string | null
  phoneMasked: string | null
  callNumber: string | null
  assigned: boolean
}

export interface Me {
  id: number
  name: string | null
  role: Role
  phone: string
  locale: string | null
  needsHome: boolean
  home: Home | null
  gridPath: NodeRef[]
  gridLeader: LeaderCard | null
  staffNode: NodeRef | null
  staffPath: NodeRef[]
}

export interface CodeSent {
  phoneMasked: string
  resendAfterSeconds: number
  expiresInSeconds: number
}

export interface Community {
  id: number
  name: string
  area: string
}

export interface Unit {
  id: number
  name: string
}

export interface Building {
  id: number
  name: string
  gridId: number
  gridName: string
  units: Unit[]
}

export interface SmsMessage {
  id: number
  to: string
  body: string
  purpose: string
  status: string
  attempts: number
  provider: string | null
  providerId: string | null
  createdAt: string
  sentAt: string | null
}

export interface Person {
  id: number
  name: string
  role: Role
  phone: string
}

export interface NodeDetail {
  node: NodeRef
  path: NodeRef[]
  children: { node: NodeRef; leader: Person | null }[]
  staff: Person[]
  leader: Person | null
  buildings: Building[]
}

export interface ResidentRow {
  id: number
  name: string
  phone: string
  address: string | null
}

export interface ResidentPage {
  items: ResidentRow[]
  nextAfter: number | null
}

export interface ChatMessage {
  id: number
  fromStaff: boolean
  senderName: string
  body: string
  createdAt: string
  readAt: string | null
}

export interface Conversation {
  residentId: number
  residentName: string
  residentPhone: string
  lastBody: string
  lastAt: string
  unread: number
}

export interface PublicConfig {
  demoInbox: boolean
  timeZone: string
}

export const STAFF_ROLES: Role[] = [
  'GRID_WORKER',
  'GRID_LEADER',
  'COMMUNITY_ADMIN',
  'STREET_ADMIN',
  'DISTRICT_ADMIN',
  'CITY_ADMIN',
]
