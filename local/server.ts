import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { invokeRoute } from './api-gateway';
import { faultsDevRoute, type DynamoFaults } from './dynamo-faults';
import { notifyDevRoute } from './outbox';
import type { Persona } from './seed/personas';
import type { WechatStandIn } from './wechat-stand-in';

/**
 * One origin for everything the local stage offers: the API (route table), the dev-only WeChat
 * stand-ins under /__dev and /__wechat, and the H5 build of the mini-program.
 */
// API Gateway takes up to 10 MB; 2 MB here lets a 1 MB signature through in base64 (1.37 MB).
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

const tooLarge = () => Object.assign(new Error('payload too large'), { status: 413 });

/**
 * The body as text, or a 413 error once it passes the limit (declared or counted). The rest of an
 * oversize body is read and thrown away rather than the socket destroyed: a client still sending
 * would otherwise see a reset instead of the answer, as it never does from API Gateway.
 */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolveBody, reject) => {
    const refuse = () => {
      req.removeAllListeners('data');
      req.resume();
      reject(tooLarge());
    };
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return refuse();
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return refuse();
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined));
    req.on('error', reject);
  });
}

/** Drains at most this much of a refused body before giving up on the connection. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Answers 413 once the client has finished sending (it reads no answer before that), and closes the
 * connection; a client that sends far more is cut off.
 */
function sendTooLarge(req: IncomingMessage, res: ServerResponse) {
  const answer = () => send(res, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
  if (req.complete) return answer();
  let drained = 0;
  req.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) req.socket.destroy();
  });
  req.once('end', answer);
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(text);
}

function serveStatic(h5Dir: string, urlPath: string, res: ServerResponse): boolean {
  const safe = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  let file = join(h5Dir, safe);
  if (!file.startsWith(h5Dir)) return false;
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return false;
  const isHtml = extname(file) === '.html';
  res.writeHead(200, {
    'content-type': contentTypes[extname(file)] ?? 'application/octet-stream',
    'cache-control': isHtml ? 'no-cache' : 'public, max-age=3600',
  });
  createReadStream(file).pipe(res);
  return true;
}

export function createLocalServer(options: { h5Dir: string; wechat: WechatStandIn; personas: Persona[]; faults?: DynamoFaults }): Server {
  const h5Dir = resolve(options.h5Dir);
  return createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = (req.method ?? 'GET').toUpperCase();
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);

      if (url.pathname === '/__wechat/sns/jscode2session') {
        return send(res, 200, options.wechat.code2Session(url.searchParams));
      }
      const dev = await notifyDevRoute(options.wechat, method, url, body);
      if (dev) return send(res, dev.status, dev.body, dev.headers);
      const faults = faultsDevRoute(options.faults, method, url, body);
      if (faults) return send(res, faults.status, faults.body);
      if (url.pathname === '/__dev/personas' && method === 'GET') {
        return send(res, 200, options.personas.map(({ openid, name, role, label, description }) => ({ openid, name, role, label, description })));
      }
      if (url.pathname === '/__dev/wechat/login' && method === 'POST') {
        let openid: unknown;
        try {
          openid = (JSON.parse(body ?? '{}') as { openid?: unknown }).openid;
        } catch {
          openid = undefined;
        }
        if (typeof openid !== 'string' || !/^[A-Za-z0-9_-]{6,64}$/.test(openid)) {
          return send(res, 400, { error: 'invalid_request', message: '缺少演示用的 openid' });
        }
        return send(res, 200, { code: options.wechat.issueCode(openid) });
      }

      const apiResponse = await invokeRoute({
        method,
        path: url.pathname,
        rawQueryString: url.search.replace(/^\?/, ''),
        headers: req.headers,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      });
      if (apiResponse) return send(res, apiResponse.statusCode, apiResponse.body, apiResponse.headers);

      if ((method === 'GET' || method === 'HEAD') && serveStatic(h5Dir, url.pathname === '/' ? '/index.html' : url.pathname, res)) return;
      if (url.pathname === '/' || url.pathname === '/index.html') {
        return send(res, 503, '<p>小程序 H5 版本还没有构建：请运行 npm run build:h5</p>', { 'content-type': 'text/html; charset=utf-8' });
      }
      return send(res, 404, { message: 'Not Found' });
    } catch (err) {
      const status = (err as { status?: number }).status ?? 500;
      if (status === 413) return sendTooLarge(req, res);
      console.error(err);
      if (!res.headersSent) send(res, 500, { message: 'Internal Server Error' });
    }
  });
}
