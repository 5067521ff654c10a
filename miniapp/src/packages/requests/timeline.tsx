import { View } from '@tarojs/components';
import { beijingWhen, formatChineseDate, escalationLabels, requestCategoryLabels, requestStatusLabels, type RequestEntry } from '@domain';
import './requests.scss';
import { Whole } from '../../components/Whole';


/** One request: what was asked, where it stands (in words, not colour), and every step so far. */
export function RequestCard({ request, children }: { request: RequestEntry; children?: React.ReactNode }) {
  const late = request.escalation !== 'none';
  return (
    <View className={`rq${late ? ' rq--late' : ''}`}>
      <View className="rq__status">{requestStatusLabels[request.status]}</View>
      <View className="text-lg">
        {requestCategoryLabels[request.category]}：{request.text}
      </View>
      <View className="soft">
        希望办结：{formatChineseDate(request.dueDate)}
        {request.assignee ? `　经办人：${request.assignee.name}` : ''}
      </View>
      {request.actedLabel ? <View className="soft">{request.actedLabel}</View> : null}
      {late ? <View className="rq__escalated">{escalationLabels[request.escalation]}</View> : null}
      <View className="mt">
        {request.timeline.map((e, i) => (
          <View className="rq__step" key={`${e.at}-${i}`}>
            <View className="rq__when">
              <Whole>{beijingWhen(e.at)}　{e.byName}</Whole>
            </View>
            <View>
              {e.assignedTo && i > 0 ? `转给新的联系人：${e.assignedTo}` : requestStatusLabels[e.status]}
              {e.department ? `（${e.department}）` : ''}
            </View>
            {e.note ? <View>{e.note}</View> : null}
            {e.reason ? <View>原因：{e.reason}</View> : null}
          </View>
        ))}
      </View>
      {children}
    </View>
  );
}
