/**
 * What authorization-matrix.test.ts needs for the change list: the matrix calls the bare path, so
 * an allowed caller passes the role check and is refused by the query's schema (no start date, 400)
 * before anything is read. changes.test.ts downloads real lists.
 */
export const changesReachedStatus: Record<string, number> = { 'changes.exportChanges': 400 };
