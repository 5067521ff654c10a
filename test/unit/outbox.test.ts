process.env.STAGE = 'local';
process.env.TABLE_NAME = 'unit';

import { notificationTemplates, NotificationTemplate, SubscriptionGrantRequest } from '../../domain';
import { outboxCancel, outboxItem, outboxPut } from '../../functions/lib/notify/outbox';

const now = new Date('2026-11-22T02:00:00Z');

describe('outbox items', () => {
  it('are pending, due now, and in the due index sorted by UTC time', () => {
    const item = outboxItem({ recipientId: 'p_m0001', template: 'message.new', data: { sender: '王书记', preview: '您好', time: '11月22日 10:00' }, page: 'packages/messages/conversation/index' }, now);
    expect(item).toMatchObject({ entity: 'outbox', status: 'pending', attempts: 0, nextAttemptAt: '2026-11-22T10:00:00+08:00', gsi2pk: 'OUTBOX#DUE' });
    expect(item.gsi2sk?.startsWith('2026-11-22T02:00:00.000Z#')).toBe(true);
  });

  it('can be scheduled, and a dedupe key makes the key deterministic', () => {
    const entry = { recipientId: 'p_m0001', template: 'booking.reminder', data: { place: '县医院', time: '明天 9:00' }, page: 'x', dedupeKey: 'reminder-1d#b_1', notBefore: new Date('2026-11-23T01:00:00Z') } as const;
    const a = outboxItem(entry, now);
    expect(a.pk).toBe('OUTBOX#reminder-1d#b_1');
    expect(a.gsi2sk).toBe('2026-11-23T01:00:00.000Z#reminder-1d#b_1');
    expect(outboxPut(entry, now)).toMatchObject({ Put: { ConditionExpression: 'attribute_not_exists(pk)' } });
    expect(outboxCancel('reminder-1d#b_1')).toMatchObject({ Delete: { Key: { pk: 'OUTBOX#reminder-1d#b_1', sk: 'OUTBOX' } } });
  });

  it('cut values at the 20 characters WeChat shows and refuse fields the template lacks', () => {
    const long = '一'.repeat(30);
    expect(outboxItem({ recipientId: 'p', template: 'message.new', data: { preview: long }, page: 'x' }, now).data.preview).toHaveLength(20);
    expect(() => outboxItem({ recipientId: 'p', template: 'message.new', data: { nope: 'x' }, page: 'x' }, now)).toThrow(/nope/);
  });

  it('every template has a Chinese title, and grants name known templates only', () => {
    for (const t of Object.values(notificationTemplates)) expect(t.title).toMatch(/[\u4e00-\u9fff]/);
    expect(NotificationTemplate.safeParse('message.new').success).toBe(true);
    expect(SubscriptionGrantRequest.safeParse({ accepted: ['nope'] }).success).toBe(false);
    expect(SubscriptionGrantRequest.safeParse({ accepted: [] }).success).toBe(false);
  });
});
