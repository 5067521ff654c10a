import { errorCodes, WechatLoginRequest, type WechatLoginResponse } from '../../domain';
import { sessionFor } from '../lib/auth/session';
import { issueBindTicket } from '../lib/auth/tokens';
import { code2Session, WechatError } from '../lib/auth/wechat';
import { getBinding, getPerson } from '../lib/db/persons';
import { ApiHttpError, forbidden, badRequest, conflict } from '../lib/http/errors';
import { publicRouteHandler, type RouteResult } from '../lib/http/route-handler';

export const handler = publicRouteHandler('auth.wechatLogin', { body: WechatLoginRequest }, async ({ body, now }): Promise<RouteResult<WechatLoginResponse>> => {
  let openid: string;
  try {
    ({ openid } = await code2Session(body.code));
  } catch (err) {
    if (err instanceof WechatError && err.kind === 'invalid_code') {
      throw badRequest('登录凭证已失效，请重新打开小程序', { 'body.code': '登录凭证已失效或已使用' });
    }
    if (err instanceof WechatError) throw new ApiHttpError(503, errorCodes.wechatUnavailable, '微信登录服务暂时不可用，请稍后再试');
    throw err;
  }

  const binding = await getBinding(openid);
  if (!binding) {
    // The real clock, like sessions (lib/auth/session.ts): the ticket is verified on it.
    const unbound: WechatLoginResponse = { status: 'unbound', ...(await issueBindTicket(openid, new Date())) };
    return { body: unbound };
  }
  const person = await getPerson(binding.personId);
  if (!person) throw conflict('您绑定的人员信息已被注销，请联系县卫健委');
  if (person.status === 'inactive') throw forbidden('您的账号已停用，如有疑问请联系县卫健委');
  const bound: WechatLoginResponse = { status: 'bound', session: await sessionFor(person) };
  return { body: bound };
});
