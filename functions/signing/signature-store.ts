import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { ImageKind } from '../../domain';
import { db, tableName } from '../lib/db/client';
import { keys } from '../lib/db/keys';

/**
 * Where a member's drawn signature is kept. For now: in the table, in binary chunks written in the
 * same transaction as the confirmation, so a contract is never marked confirmed without its image
 * (an item holds at most 400 KB; 1 MB takes three 350 KB chunks, well inside a transaction's 4 MB).
 * The shared S3 upload (presigned POST + HeadObject re-check, functions/lib/storage/uploads.ts) is
 * merged; this module is the one to swap: `signatureWrites` would then record the object key, after
 * a ranged GetObject has checked the magic bytes, instead of the bytes themselves.
 */
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const CHUNK_BYTES = 350 * 1024;

export function signatureWrites(memberId: string, contractId: string, bytes: Uint8Array, kind: ImageKind): { items: TransactItem[]; chunks: number } {
  const items: TransactItem[] = [];
  for (let i = 0, n = 0; i < bytes.length; i += CHUNK_BYTES, n++) {
    items.push({
      Put: {
        TableName: tableName(),
        Item: { ...keys.signatureChunk(memberId, contractId, n), entity: 'signatureChunk', kind, data: bytes.subarray(i, i + CHUNK_BYTES) },
      },
    });
  }
  return { items, chunks: items.length };
}

/** The signature as a data URL, or undefined if none was stored. */
export async function readSignature(memberId: string, contractId: string): Promise<string | undefined> {
  const out = await db().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :p)',
      ExpressionAttributeValues: { ':pk': keys.signingPk(memberId), ':p': `SIGNATURE#${contractId}#` },
    }),
  );
  const chunks = (out.Items ?? []) as Array<{ sk: string; kind: ImageKind; data: Uint8Array }>;
  if (chunks.length === 0) return undefined;
  chunks.sort((a, b) => Number(a.sk.split('#').pop()) - Number(b.sk.split('#').pop()));
  const bytes = Buffer.concat(chunks.map((c) => Buffer.from(c.data)));
  return `data:image/${chunks[0].kind};base64,${bytes.toString('base64')}`;
}
