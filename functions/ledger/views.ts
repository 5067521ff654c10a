import type { HandoverRecord } from '../../domain';
import type { HandoverItem } from '../lib/db/handover';

/** A stored hand-over as the API shows it. */
export const handoverView = ({ pk: _pk, sk: _sk, entity: _e, ...record }: HandoverItem): HandoverRecord => record;
