import { logout } from '../api/session';
import { goLogin } from '../lib/routes';
import { Btn } from './Btn';

/** The same way out on every home page: forget the session here and go to the login page. */
export function LogoutButton() {
  return (
    <Btn
      kind="secondary"
      onClick={() => {
        logout();
        goLogin();
      }}
    >
      退出登录
    </Btn>
  );
}
