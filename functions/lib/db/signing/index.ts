/**
 * Family-doctor signing in the table, one module per entity: teams (teams.ts), a member's signing
 * state (states.ts), applications (applications.ts) and contracts (contracts.ts). A member's
 * partition `SIGNING#<memberId>` holds the `STATE` item, `APP#<id>` applications and
 * `CONTRACT#<id>` contracts; every transition is conditioned on the STATE item, so two acceptances
 * racing cannot both make a contract. This index is what other features import.
 */
export * from './applications';
export * from './contracts';
export * from './put';
export * from './states';
export * from './teams';
