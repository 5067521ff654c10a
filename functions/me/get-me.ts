import { meOf } from '../lib/auth/session';
import { getPerson } from '../lib/db/persons';
import { unauthenticated } from '../lib/http/errors';
import { routeHandler } from '../lib/http/route-handler';

export const handler = routeHandler('me.get', {}, async ({ principal }) => {
  const person = await getPerson(principal.personId);
  if (!person) throw unauthenticated('您的账号信息已变更，请重新登录');
  return { body: meOf(person) };
});
