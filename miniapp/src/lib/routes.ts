import Taro from '@tarojs/taro';
import type { Me } from '@domain';
import { needsConsent } from '../api/session';

export const paths = {
  index: '/pages/index/index',
  login: '/pages/login/index',
  privacy: '/pages/privacy/index',
  bind: '/packages/account/bind/index',
  contacts: '/packages/family/contacts/index',
  card: '/packages/family/card/index',
  accessLog: '/packages/family/access-log/index',
  staffFamilies: '/packages/staff/families/index',
  doctorMembers: '/packages/staff/members/index',
  hospital: '/packages/staff/hospital/index',
  book: '/packages/booking/book/index',
  reschedule: '/packages/booking/reschedule/index',
  greenChannelToday: '/packages/hospital/today/index',
  hospitalAdmissions: '/packages/hospital/admissions/index',
  hospitalSchedule: '/packages/hospital/schedule/index',
  hospitalWalkIn: '/packages/window/walkin/index',
  referral: '/packages/booking/referral/index',
  healthReadings: '/packages/health/readings/index',
  healthFollowUp: '/packages/health/followup/index',
  healthPrescriptions: '/packages/health/prescriptions/index',
  doctorQueue: '/packages/doctor/queue/index',
  doctorMember: '/packages/doctor/member/index',
  doctorPrescribe: '/packages/doctor/prescribe/index',
  doctorHealthFile: '/packages/doctor/health-file/index',
  signing: '/packages/signing/index/index',
  signingContract: '/packages/signing/contract/index',
  signingSign: '/packages/signing/sign/index',
  teamApplications: '/packages/team/applications/index',
  signingCoverage: '/packages/team/coverage/index',
  teams: '/packages/team/teams/index',
  homeVisit: '/packages/team/home-visit/index',
  policyFamilies: '/packages/policy/families/index',
  policyLedger: '/packages/policy/ledger/index',
  ledgerDue: '/packages/ledger/due/index',
  ledgerRecord: '/packages/ledger/record/index',
  commissionDashboard: '/packages/commission/dashboard/index',
  report: '/packages/report/index/index',
  conversation: '/packages/messages/conversation/index',
  consultation: '/packages/messages/consultation/index',
  newConsultation: '/packages/messages/consult-new/index',
  messages: '/packages/messages/inbox/index',
  familyRequests: '/packages/requests/family/index',
  staffRequests: '/packages/requests/staff/index',
  handover: '/packages/requests/handover/index',
  familyRecord: '/packages/lifecycle/family/index',
  entitlements: '/packages/info/entitlements/index',
  admission: '/packages/booking/admission/index',
  articles: '/packages/info/articles/index',
  article: '/packages/info/article/index',
  commissionArticles: '/packages/commission/articles/index',
  doctorArticles: '/packages/doctor/articles/index',
  problems: '/packages/problems/list/index',
  problemEdit: '/packages/problems/edit/index',
  institutions: '/packages/institutions/list/index',
  institutionEdit: '/packages/institutions/edit/index',
  townships: '/packages/townships/index/index',
  countyMeasures: '/packages/measures/list/index',
  people: '/packages/people/index/index',
  peopleEdit: '/packages/people/edit/index',
  peopleAssign: '/packages/people/assign/index',
  commissionImport: '/packages/commission/import/index',
  /** 代办: staff act for a family; member pages it opens take `forFamily` (and `forMember`). */
  actingHub: '/packages/acting/index/index',
  faceSurvey: '/packages/family/survey/index',
} as const;

export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

/** Where a signed-in user starts: the privacy guide first if needed, then their role's home. */
export function startPageFor(me: Me): string {
  if (needsConsent(me)) return paths.privacy;
  switch (me.role) {
    case 'member':
      return paths.contacts;
    case 'contact':
      return paths.staffFamilies;
    case 'commission':
      // A city officer (市卫健委) reads the city's report, counties side by side; no family list.
      return me.commissionLevel === 'city' ? paths.report : paths.staffFamilies;
    case 'doctor':
      return paths.doctorMembers;
    case 'hospital':
      return paths.hospital;
  }
}

/** Home pages replace the whole stack, so "back" never leads into login or the privacy guide. */
export function goHome(me: Me): void {
  Taro.reLaunch({ url: startPageFor(me) });
}

export function goLogin(): void {
  Taro.reLaunch({ url: paths.login });
}
