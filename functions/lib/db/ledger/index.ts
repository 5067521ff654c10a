/** The ledger (台账): the contact log and each family's summary with the township counters. */
export * from './contacts';
export * from './summary';
