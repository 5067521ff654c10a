import { errorCodes, WechatLoginRequest, type WechatLoginResponse } from '../../domain';
import { sessionFor } from '../lib/auth/session';
import { issueBindTicket } from '../lib/auth/tokens';
import { code2Session, WechatError } from '../lib/auth/wechat';
import { getBinding, getPerson } from '../lib/db/persons';
import { ApiHttpError, badRequest, conflict } from '../lib/http/errors';
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
    const unbound: WechatLoginResponse = { status: 'unbound', ...(await issueBindTicket(openid, now)) };
    return { body: unbound };
  }
  const person = await getPerson(binding.personId);
  if (!person) throw conflict('您绑定的人员信息已被注销，请联系县卫健委');
  const bound: WechatLoginResponse = { status: 'bound', session: await sessionFor(person, now) };
  return { body: bound };
});
