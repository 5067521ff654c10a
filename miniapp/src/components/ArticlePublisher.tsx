import { useState } from 'react';
import { View } from '@tarojs/components';
import { ARTICLE_TEXT_MAX, ARTICLE_TITLE_MAX, ArticlePublishBody, ChronicCondition, chronicConditionLabels, type Me } from '@domain';
import { informationApi } from '../api/information';
import { formErrors, useFormSend } from '../lib/form';
import { formatDateTime } from '../lib/format';
import { requireMe } from '../lib/guard';
import { useRemote } from '../lib/remote';
import { Btn } from './Btn';
import { RadioChoices } from './Choice';
import { Notice } from './Notice';
import { Empty, RemoteStatus } from './PageState';
import { TextArea } from './TextArea';
import { TextField } from './TextField';
import { Whole } from './Whole';

const newDraftId = () => `ar-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
type ConditionChoice = ChronicCondition | 'all';

function audienceWords(me: Me | null): string {
  if (!me) return '';
  if (me.role === 'doctor') return '文章发给您所在家庭医生团队的签约居民，可以只发给有某种慢性病的居民。';
  return me.commissionLevel === 'county' ? '文章发给全县的计划生育特殊家庭。' : '文章发给本乡镇的计划生育特殊家庭。';
}

/**
 * The publishing page of the commission (政策宣传) and of doctors (健康知识): a title, the text,
 * for doctors optionally one chronic condition; below, the author's articles with how many
 * families opened each. Text only: the families' page reads each article aloud.
 */
export function ArticlePublisher({ heading }: { heading: string }) {
  const { state, reload } = useRemote(async () => {
    const me = await requireMe();
    return { me, mine: await informationApi.mine() };
  });
  const me = state.status === 'ready' ? state.data.me : null;
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [condition, setCondition] = useState<ConditionChoice>('all');
  const [draftId, setDraftId] = useState(newDraftId);
  const [published, setPublished] = useState<string | null>(null);
  const form = useFormSend();

  const publish = async () => {
    setPublished(null);
    const body = { title: title.trim(), text: text.trim(), ...(me?.role === 'doctor' && condition !== 'all' ? { condition } : {}) };
    const checked = ArticlePublishBody.safeParse(body);
    if (!checked.success) return form.refuse(formErrors(checked.error.issues));
    const ok = await form.send(async () => {
      const article = await informationApi.publish(checked.data, draftId);
      setPublished(`已发布《${article.title}》，发给：${article.audience}。`);
    });
    if (!ok) return;
    setTitle('');
    setText('');
    setCondition('all');
    setDraftId(newDraftId());
    await reload(true);
  };

  return (
    <View className="page">
      <View className="h1">{heading}</View>
      <View className="text-lg soft mb">{audienceWords(me)}</View>
      <Notice tone="info">目前只能发文字，不能配图片。家庭打开文章后可以点“朗读”听。</Notice>
      <TextField id="article-title" label="标题" hint={`不超过 ${ARTICLE_TITLE_MAX} 个字`} value={title} error={form.errors.title} maxlength={ARTICLE_TITLE_MAX} onInput={setTitle} />
      <TextArea id="article-text" label="正文" hint="用短句、大白话，方便老人听懂" value={text} error={form.errors.text} maxlength={ARTICLE_TEXT_MAX} onInput={setText} />
      {me?.role === 'doctor' ? (
        <View className="field">
          <View className="field__label">发给哪些签约居民</View>
          <RadioChoices<ConditionChoice>
            label="发给哪些签约居民"
            value={condition}
            onChange={setCondition}
            options={[{ value: 'all', label: '全部签约居民' }, ...ChronicCondition.options.map((c) => ({ value: c, label: `有${chronicConditionLabels[c]}的居民` }))]}
          />
          {form.errors.condition ? <Notice tone="error">{form.errors.condition}</Notice> : null}
        </View>
      ) : null}
      {form.failure ? (
        <Notice tone="error" icon="tips">
          {form.failure}
        </Notice>
      ) : null}
      {published ? <Notice tone="ok">{published}</Notice> : null}
      <Btn big icon="check" busy={form.busy} busyText="正在发布…" onClick={() => void publish()}>
        发布
      </Btn>
      <View className="h2 mt">我发布的文章</View>
      <RemoteStatus state={state} reload={reload} />
      {state.status === 'ready' && state.data.mine.items.length === 0 ? <Empty text="还没有发布过文章。" /> : null}
      {state.status === 'ready'
        ? state.data.mine.items.map((a) => (
            <View className="card" key={a.articleId} data-article={a.articleId}>
              <View className="h3">{a.title}</View>
              <View className="text soft">
                <Whole>{formatDateTime(a.publishedAt)}</Whole>
              </View>
              <View className="text">发给：{a.audience}</View>
              <View className="text strong">已有 {a.readCount} 户家庭打开阅读</View>
            </View>
          ))
        : null}
    </View>
  );
}
