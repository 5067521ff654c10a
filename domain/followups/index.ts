/**
 * Chronic-disease follow-ups (慢病随访) and long prescriptions (长处方): the health file a signed
 * doctor keeps, the follow-up plan and its cadence, the short form an elderly member answers, the
 * urgent thresholds, and the refill rules. Pure rules only; the handlers apply them with the
 * request's clock.
 */

export * from './health-file';
export * from './plans';
export * from './form';
export * from './records';
export * from './queue';
export * from './prescriptions';
