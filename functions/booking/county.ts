/**
 * The demo deployment serves one county; the designated institutions are listed per county. A module
 * of its own so that the sessions job can use it without loading a route's handler.
 */
export const COUNTY_ID = 'c_qinghe';
