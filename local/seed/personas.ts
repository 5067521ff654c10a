import type { Role } from '../../domain';
import { demoOpenid, UNBOUND_PERSON_ID } from './demo-county';

/** The demo logins the local H5 login page offers and `npm start` prints. */
export interface Persona {
  openid: string;
  personId: string;
  name: string;
  role: Role;
  label: string;
  description: string;
}

const persona = (personId: string, name: string, role: Role, roleLabel: string, description: string, bound = true): Persona => ({
  openid: bound ? demoOpenid(personId) : `demo-openid-new-wechat-user-${personId}`,
  personId,
  name,
  role,
  label: `${name} · ${roleLabel}`,
  description,
});

export const personas: Persona[] = [
  persona('p_m0001', '王秀英', 'member', '家庭成员', '东关社区，失独家庭，三位联系人齐全'),
  persona('p_m0010', '冯建国', 'member', '家庭成员', '西街村，村联系人暂缺'),
  persona(UNBOUND_PERSON_ID, '李淑珍', 'member', '家庭成员（未绑定）', '第一次使用，需要核对身份：身份证后 6 位见启动信息', false),
  persona('p_cadre01', '王桂兰', 'contact', '村（社区）联系人', '东关社区居委会主任，联系 3 户'),
  persona('p_lead01', '张建华', 'contact', '乡镇联系人', '城关镇党委副书记，联系 6 户'),
  persona('p_doc01', '陈立新', 'doctor', '家庭医生', '城关镇卫生院全科医生，签约城关镇成员'),
  persona('p_m0015', '沈丽华', 'member', '家庭成员', '柳林村，还没有签约家庭医生，可以在线申请'),
  persona('p_doc04', '高志远', 'doctor', '家庭医生团队长', '柳林乡卫生院全科医生，“1+1+1”团队长，处理签约申请'),
  persona('p_comm02', '何文静', 'commission', '乡镇卫健办', '柳林乡卫生健康办公室，看本乡签约情况'),
  persona('p_cadre02', '赵永强', 'contact', '村（社区）联系人', '西街村党支部书记，孙长海家的政策帮扶干部'),
  persona('p_hosp01', '吴静', 'hospital', '医院绿色通道', '清河县人民医院绿色通道专员'),
  persona('p_comm01', '郑国栋', 'commission', '卫健委', '清河县卫健委人口家庭科，全县'),
  persona('p_city01', '孟淑芬', 'commission', '市卫健委', '清河市卫健委，看各县的自查报告（只读）'),
];
