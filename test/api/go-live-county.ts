import ExcelJS from 'exceljs';
import { idCheckChar, importColumns } from '../../domain';
import type { CountyFile } from '../../scripts/create-commission-account';
import { call, wxLoginCode } from '../support/api';

/**
 * The county the go-live test builds from an empty table: what a real county writes into its
 * county.json and its two import files, and the HTTP steps every officer and staff member takes.
 * Nothing here writes to the table except through the API (and the first account's script).
 */

/** A valid resident ID number: area 130599, the birth date, a sequence whose parity is the gender. */
export function idNumber(birth: string, seq: number): string {
  const first17 = `130599${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return `${first17}${idCheckChar(first17)}`;
}

export const countyId = 'c_golive';
export const townshipA = { townshipId: 't_goliveea', townshipName: '东岭镇' };
export const townshipB = { townshipId: 't_goliveeb', townshipName: '西坡乡' };
export const villages = {
  east: { villageId: 'v_goliveeast', name: '东岭村' },
  south: { villageId: 'v_golivesouth', name: '南岭村' },
  west: { villageId: 'v_golivewest', name: '西坡村' },
};

export const countyFile: CountyFile = {
  countyId,
  townships: [townshipA, townshipB],
  officer: { name: '赵国庆', idNumber: idNumber('1975-04-12', 11), phone: '13930600001', organisation: '新岭县卫健委', title: '家庭发展科科长', workPhone: '0311-86600001' },
};

export interface StaffRow {
  name: string;
  idNumber: string;
  phone: string;
  post: string;
  townshipId?: string;
  organisation: string;
  title: string;
  workPhone: string;
  /** Filled in once the institutions exist (their ids are the server's). */
  institution?: 'hospital' | 'centre';
  teamRoles?: string;
}

export const staffRows = {
  leader: { name: '孙立平', idNumber: idNumber('1972-03-08', 13), phone: '13930600011', post: '乡镇领导', townshipId: townshipA.townshipId, organisation: '东岭镇人民政府', title: '副镇长', workPhone: '0311-86600011' },
  cadreEast: { name: '周红梅', idNumber: idNumber('1980-06-21', 22), phone: '13930600012', post: '村干部', townshipId: townshipA.townshipId, organisation: '东岭村村委会', title: '村计生专干', workPhone: '13930600012' },
  cadreSouth: { name: '吴建设', idNumber: idNumber('1978-11-02', 31), phone: '13930600013', post: '村干部', townshipId: townshipA.townshipId, organisation: '南岭村村委会', title: '村委会主任', workPhone: '13930600013' },
  doctor: { name: '郑文华', idNumber: idNumber('1983-09-15', 41), phone: '13930600014', post: '医生', organisation: '东岭镇卫生院', title: '全科医生', workPhone: '0311-86600014', institution: 'centre', teamRoles: '全科医生、健康管理师' },
  villageDoctor: { name: '钱玉兰', idNumber: idNumber('1976-01-30', 52), phone: '13930600015', post: '乡村医生', organisation: '东岭村卫生室', title: '乡村医生', workPhone: '13930600015', institution: 'centre', teamRoles: '乡村医生' },
  hospitalOfficer: { name: '冯晓燕', idNumber: idNumber('1988-07-07', 62), phone: '13930600016', post: '医院绿色通道', organisation: '新岭县人民医院', title: '医务科干事', workPhone: '0311-86600016', institution: 'hospital' },
} satisfies Record<string, StaffRow>;
export type StaffKey = keyof typeof staffRows;

export function staffSheet(institutionIds: { hospital: string; centre: string }): string[][] {
  return Object.values(staffRows).map((s: StaffRow) => {
    const cells: Record<(typeof importColumns.staff)[number], string> = {
      姓名: s.name,
      身份证号: s.idNumber,
      手机号: s.phone,
      岗位: s.post,
      乡镇编号: s.townshipId ?? '',
      单位: s.organisation,
      职务: s.title,
      公示电话: s.workPhone,
      单位编号: s.institution ? institutionIds[s.institution] : '',
      团队角色: s.teamRoles ?? '',
    };
    return importColumns.staff.map((c) => cells[c]);
  });
}

interface MemberRow {
  name: string;
  relation: string;
  idNumber: string;
  phone?: string;
  illness?: string;
}
interface FamilyRow {
  number: string;
  township: string;
  village: { villageId: string; name: string };
  type: '失独' | '伤残';
  lowIncome: boolean;
  cardNo: string;
  members: MemberRow[];
}

/** Four families: three in 东岭镇 (two villages), one in 西坡乡, which gets no contacts and no card. */
export const familyRows = {
  liu: { number: 'GL0001', township: townshipA.townshipId, village: villages.east, type: '失独', lowIncome: false, cardNo: 'XL20260001', members: [
    { name: '刘德顺', relation: '户主', idNumber: idNumber('1952-02-14', 71), phone: '13930600101', illness: '高血压' },
    { name: '王桂芝', relation: '配偶', idNumber: idNumber('1954-08-03', 82), phone: '13930600102' },
  ] },
  chen: { number: 'GL0002', township: townshipA.townshipId, village: villages.east, type: '伤残', lowIncome: true, cardNo: 'XL20260002', members: [
    { name: '陈守业', relation: '户主', idNumber: idNumber('1958-12-01', 91), phone: '13930600103' },
  ] },
  he: { number: 'GL0003', township: townshipA.townshipId, village: villages.south, type: '失独', lowIncome: false, cardNo: 'XL20260003', members: [
    { name: '何淑兰', relation: '户主', idNumber: idNumber('1949-05-20', 102), phone: '13930600104', illness: '糖尿病' },
  ] },
  ma: { number: 'GL0004', township: townshipB.townshipId, village: villages.west, type: '失独', lowIncome: false, cardNo: 'XL20260004', members: [
    { name: '马长青', relation: '户主', idNumber: idNumber('1955-10-10', 111), phone: '13930600105' },
  ] },
} satisfies Record<string, FamilyRow>;
export const familyIdOf = (f: FamilyRow) => `f_${f.number}`;

export function familiesSheet(): string[][] {
  return Object.values(familyRows).flatMap((f: FamilyRow) =>
    f.members.map((m) => {
      const cells: Record<(typeof importColumns.families)[number], string> = {
        家庭编号: f.number,
        乡镇编号: f.township,
        村编号: f.village.villageId,
        村名称: f.village.name,
        家庭类别: f.type,
        低保户: f.lowIncome ? '是' : '否',
        服务卡号: f.cardNo,
        姓名: m.name,
        与户主关系: m.relation,
        身份证号: m.idNumber,
        手机号: m.phone ?? '',
        慢性病: m.illness ?? '',
      };
      return importColumns.families.map((c) => cells[c]);
    }),
  );
}

export async function xlsx(headers: readonly string[], rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow([...headers]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The import page's steps: an upload ticket, the file to S3 by presigned POST, the job started and followed. */
export async function importFile(token: string, kind: 'families' | 'staff', file: Buffer) {
  const ticket = await call('POST', '/commission/imports/uploads', { token, body: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: file.length } });
  if (ticket.status !== 201) throw new Error(`upload ticket: ${ticket.status} ${JSON.stringify(ticket.body)}`);
  const form = new FormData();
  for (const [k, v] of Object.entries(ticket.body.fields as Record<string, string>)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), `${kind}.xlsx`);
  const uploaded = await fetch(ticket.body.url, { method: 'POST', body: form });
  if (uploaded.status !== 204) throw new Error(`upload: ${uploaded.status}`);
  const start = await call('POST', '/commission/imports', { token, body: { kind, key: ticket.body.key } });
  if (start.status !== 202) throw new Error(`import start: ${start.status} ${JSON.stringify(start.body)}`);
  for (let i = 0; i < 300; i++) {
    const job = await call('GET', `/commission/imports/${start.body.importId}`, { token });
    if (['applied', 'rejected', 'failed'].includes(job.body.status)) return job.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${start.body.importId} did not finish`);
}

/** A WeChat user opens the mini-program for the first time and binds as the imported person. */
export async function bindAs(openid: string, person: { name: string; idNumber: string; phone: string }) {
  const login = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(openid) } });
  if (login.body.status !== 'unbound') throw new Error(`expected an unbound login: ${JSON.stringify(login.body)}`);
  const bind = await call('POST', '/auth/bind', { body: { bindTicket: login.body.bindTicket, name: person.name, idLast6: person.idNumber.slice(-6), phone: person.phone } });
  if (bind.status !== 200) throw new Error(`bind ${person.name}: ${bind.status} ${JSON.stringify(bind.body)}`);
  const me = await call('GET', '/me', { token: bind.body.session.token });
  return { token: bind.body.session.token as string, personId: me.body.personId as string, me: me.body };
}

/** A bound user opening the mini-program again. */
export async function logIn(openid: string): Promise<string> {
  const login = await call('POST', '/auth/wechat', { body: { code: await wxLoginCode(openid) } });
  if (login.body.status !== 'bound') throw new Error(`expected a bound login: ${JSON.stringify(login.body)}`);
  return login.body.session.token;
}
