// Names for the backend's JSON shapes. schema.d.ts is generated from the backend's OpenAPI document by
// `npm run gen:api` (after a backend build); the build fails when it is out of date.
import type { components } from './schema'

type S = components['schemas']

export type Me = S['MeView']
export type NodeRef = S['NodeRef']
export type GridLevel = S['GridLevel']
export type Role = S['Role']
export type Home = S['MeView.Home']
export type LeaderCard = S['MeView.LeaderCard']
export type CodeSent = S['AuthService.CodeSent']
export type Community = S['GridController.CommunityView']
export type Building = S['BuildingView']
export type Unit = S['BuildingView.Unit']
export type SmsMessage = S['OutboxMessage']
export type Person = S['StaffViews.Person']
export type NodeDetail = S['StaffViews.NodeDetail']
export type ResidentRow = S['StaffViews.ResidentRow']
export type ResidentPage = S['StaffViews.ResidentPage']
export type PublicConfig = S['PublicConfigController.PublicConfig']
export type ChatMessage = S['MessageView']
export type Conversation = S['MessageService.Conversation']
export type Thread = S['MessageController.Thread']
export type LeaderTerm = S['StaffViews.LeaderTerm']
