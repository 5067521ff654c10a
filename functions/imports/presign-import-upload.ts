import { ImportUploadRequest, type UploadTicket } from '../../domain';
import { routeHandler } from '../lib/http/route-handler';
import { presignImportUpload } from '../lib/storage/uploads';

/** The file goes straight to S3 under the caller's own prefix; the import then names its key. */
export const handler = routeHandler('imports.presignUpload', { body: ImportUploadRequest }, async ({ body, principal }) => {
  const ticket: UploadTicket = await presignImportUpload(principal.personId, body);
  return { status: 201, body: ticket };
});
