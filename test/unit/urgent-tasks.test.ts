process.env.STAGE = 'local';
process.env.TABLE_NAME = 'unit';

import { ContactRecordRequest, sortUrgentTasks, urgentDaysOverdue, type UrgentTask } from '../../domain';
import { closeUrgentTaskPart, urgentTaskParts, type UrgentEvent } from '../../functions/lib/db/urgent-tasks';

const now = new Date('2031-03-02T02:00:00Z'); // 10:00 in Beijing
const event: UrgentEvent = { kind: 'admission', familyId: 'f_0002', memberId: 'p_m0004', memberName: '钱玉珍', refId: 'adm_abcdefgh01', at: now, detail: '住院：清河县人民医院' };
const family = {
  profile: { familyId: 'f_0002', familyName: '赵德明家' },
  contacts: [
    { kind: 'township_leader', staffId: 'p_lead01' },
    { kind: 'village_cadre', staffId: 'p_cadre01' },
    { kind: 'doctor', staffId: 'p_doc01' },
  ] as const,
  signedDoctorId: 'p_doc01',
};
const put = (p: { item: { Put?: { Item?: Record<string, unknown> } } }) => p.item.Put!.Item!;

describe('urgent task parts', () => {
  it('one task per contact person (not the doctor), one message to each contact and the signed doctor', () => {
    const parts = urgentTaskParts(event, family, now);
    const tasks = parts.filter((p) => p.label === 'urgentTask').map(put);
    expect(tasks.map((t) => t.staffId).sort()).toEqual(['p_cadre01', 'p_lead01']);
    expect(tasks[0]).toMatchObject({ sk: 'URGENT#admission.adm_abcdefgh01#p_lead01', status: 'open', dueOn: '2031-03-02', gsi1pk: 'STAFF#p_lead01', gsi1sk: 'URGENT#2031-03-02#f_0002#admission.adm_abcdefgh01' });
    for (const p of parts) expect(p.item.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    const notices = parts.filter((p) => p.label === 'urgentNotice').map(put);
    expect(notices.map((n) => n.recipientId).sort()).toEqual(['p_cadre01', 'p_doc01', 'p_lead01']);
    expect(notices.find((n) => n.recipientId === 'p_doc01')).toMatchObject({ pk: 'OUTBOX#urgent#admission.adm_abcdefgh01#p_doc01', template: 'urgent.visit', page: 'packages/doctor/queue/index' });
  });

  it('a contact who is also the signed doctor, or the actor, is told once or not at all; an urgent reading keeps the health-alert template', () => {
    const parts = urgentTaskParts({ ...event, kind: 'urgentReading', actorId: 'p_doc01' }, { ...family, signedDoctorId: 'p_doc01' }, now);
    const notices = parts.filter((p) => p.label === 'urgentNotice').map(put);
    expect(notices.map((n) => n.recipientId).sort()).toEqual(['p_cadre01', 'p_lead01']);
    expect(notices.every((n) => n.template === 'followup.urgent')).toBe(true);
  });

  it('is due the Beijing day it is raised, even for an event recorded late', () => {
    const late = urgentTaskParts({ ...event, at: new Date('2031-02-28T23:00:00+08:00') }, family, now).map(put)[0];
    expect(late).toMatchObject({ dueOn: '2031-03-02', happenedAt: '2031-02-28T23:00:00+08:00' });
  });

  it('closing is conditioned on the open task and a visit on or after its day, and drops it from the index', () => {
    const close = closeUrgentTaskPart({ familyId: 'f_0002', taskId: 'admission.adm_abcdefgh01', staffId: 'p_cadre01', contactId: 'ct_x', visitedOn: '2031-03-02' }, now).item.Update!;
    expect(close.ConditionExpression).toBe('attribute_exists(pk) AND #status = :open AND dueOn <= :visitedOn');
    expect(close.UpdateExpression).toMatch(/REMOVE gsi1pk, gsi1sk$/);
  });
});

describe('urgent task rules', () => {
  it('overdue from the next Beijing day; most overdue first', () => {
    expect(urgentDaysOverdue('2031-03-02', '2031-03-02')).toBe(0);
    expect(urgentDaysOverdue('2031-03-02', '2031-03-03')).toBe(1);
    const t = (taskId: string, daysOverdue: number, raisedAt: string): UrgentTask => ({ taskId, kind: 'admission', familyId: 'f_0002', familyName: '', memberName: '', detail: '', raisedAt, dueOn: '2031-03-02', daysOverdue });
    expect(sortUrgentTasks([t('a', 0, '2031-03-02T09:00'), t('b', 2, '2031-03-01T09:00'), t('c', 0, '2031-03-02T08:00')]).map((x) => x.taskId)).toEqual(['b', 'c', 'a']);
  });

  it('a task id goes only with a home visit', () => {
    expect(ContactRecordRequest.safeParse({ type: 'home_visit', date: '2031-03-02', taskId: 'admission.adm_abcdefgh01' }).success).toBe(true);
    const phone = ContactRecordRequest.safeParse({ type: 'phone', date: '2031-03-02', taskId: 'admission.adm_abcdefgh01' });
    expect(phone.success).toBe(false);
    expect(phone.error?.issues[0]).toMatchObject({ path: ['type'], message: '看望任务请选择“登门走访”' });
  });
});
