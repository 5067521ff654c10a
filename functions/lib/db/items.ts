import type { ActingAction, SensitiveField, CardStatus, CommissionLevel, Consent, ContactKind, ContactLevel, FamilyType, Gender, Role, StaffPost, StaffStatus, TeamMember, TeamRole } from '../../../domain';

/** The shapes stored in the table. Key attributes are built only by keys.ts. */

export interface PersonItem {
  pk: string;
  sk: 'PROFILE';
  entity: 'person';
  personId: string;
  name: string;
  role: Role;
  gender: Gender;
  birthDate: string;
  /** Field-encrypted (field-crypto.ts); context `<personId>:id_number`. */
  idNumberEnc: string;
  /** Field-encrypted; context `<personId>:phone`. */
  phoneEnc: string;
  phoneMasked: string;
  /** Blind index of the phone, for binding (GSI1). */
  gsi1pk: string;
  gsi1sk: string;
  familyId?: string;
  relation?: string;
  contactLevel?: ContactLevel;
  commissionLevel?: CommissionLevel;
  /** Township or county the staff member works for. */
  regionId?: string;
  orgId?: string;
  organisation?: string;
  title?: string;
  /** Staff only: published work phone (公示电话), not personal data. */
  workPhone?: string;
  openid?: string;
  boundAt?: string;
  consent?: Consent;
  /** Staff: the post (岗位) they were created with; older records derive it (postOf). */
  post?: StaffPost;
  /** Staff: the county they serve (doctors' and hospital staff's only link to a region). */
  countyId?: string;
  /** Staff: absent means active (records written before staff management). */
  status?: StaffStatus;
  /** Staff: edits are conditioned on it, so of two editors one is refused and nothing is lost. */
  version?: number;
  /** Staff: moved by every hand-over to them, so a deactivation cannot miss a family given meanwhile. */
  assignmentVersion?: number;
  /** Doctors: their roles in a family-doctor team. */
  teamRoles?: TeamRole[];
  deactivatedAt?: string;
}

export interface FamilyMemberEntry {
  personId: string;
  name: string;
  relation: string;
  gender: Gender;
  birthDate: string;
  phoneMasked: string;
  conditions: string[];
  /** Set when the member's death was recorded (functions/lib/db/lifecycle/death.ts). */
  deceasedOn?: string;
}

/** Who handed something over to the family, and on which Beijing day. */
export interface HandedOver {
  on: string;
  byId: string;
  byName: string;
}

export interface FamilyProfileItem {
  pk: string;
  sk: 'FAMILY';
  entity: 'family';
  familyId: string;
  familyName: string;
  familyType: FamilyType;
  /** 低保, 建档立卡 and 因病致贫: three separate registrations (domain/families.ts). */
  lowIncome: boolean;
  registeredPoor: boolean;
  illnessPoverty: boolean;
  /** Edit version for the lifecycle routes' condition; a record written without one is version 1. */
  version?: number;
  address?: string;
  /** `transferred_out`: moved out of the county; the records are kept but no longer counted. */
  status?: 'active' | 'transferred_out';
  transferredOut?: { destination: string; on: string };
  countyId: string;
  townshipId: string;
  townshipName: string;
  villageId: string;
  villageName: string;
  members: FamilyMemberEntry[];
  card: {
    cardNo: string;
    issuedOn: string;
    issuer: string;
    version: number;
    status: CardStatus;
    /** The card put into the family's hands; only then does the family count as holding it. */
    handedOver?: HandedOver;
    /** The 联系知情卡 (the contacts' names and phones on paper), handed over with the card or later. */
    infoCardHandedOver?: HandedOver;
  };
  /** Who the family asks when a required contact is missing. */
  helpline: { name: string; phone: string };
  gsi1pk: string;
  gsi1sk: string;
  gsi2pk: string;
  gsi2sk: string;
}

export interface FamilyContactItem {
  pk: string;
  sk: string;
  entity: 'familyContact';
  familyId: string;
  kind: ContactKind;
  staffId: string;
  name: string;
  title: string;
  organisation: string;
  phone: string;
  team?: { name: string; members: TeamMember[] };
  assignedAt: string;
  gsi1pk: string;
  gsi1sk: string;
}

export interface SigningItem {
  pk: string;
  sk: string;
  entity: 'signing';
  familyId: string;
  memberId: string;
  doctorId: string;
  teamName: string;
  signedOn: string;
  member: { name: string; gender: Gender; birthDate: string; villageName: string; conditions: string[]; phoneMasked: string };
  gsi1pk: string;
  gsi1sk: string;
}

export interface BindingItem {
  pk: string;
  sk: 'BINDING';
  entity: 'binding';
  openid: string;
  personId: string;
  boundAt: string;
}

export interface AuditItem {
  pk: string;
  sk: string;
  entity: 'audit';
  familyId: string;
  at: string;
  viewerId: string;
  viewerName: string;
  viewerRole: Role;
  organisation: string;
  subjectId: string;
  subjectName: string;
  /** A read of sensitive data; absent on an action taken for the family (`action`). */
  field?: SensitiveField;
  /** Something staff did on the family's behalf (代办), with what it was about. */
  action?: ActingAction;
  actionDetail?: string;
  routeId: string;
}

export type FamilyPartitionItem = FamilyProfileItem | FamilyContactItem | SigningItem;
