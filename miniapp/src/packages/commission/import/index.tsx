import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { importFinished, importKindLabels, type ImportContentType, type ImportJob, type ImportKind, type ImportReport } from '@domain';
import { importsApi } from '../../../api/imports';
import { ApiFailure } from '../../../api/errors';
import { Btn } from '../../../components/Btn';
import { RadioChoices } from '../../../components/Choice';
import { Notice } from '../../../components/Notice';
import { useFormSend } from '../../../lib/form';
import { handleFailure } from '../../../lib/remote';
import { saveFile } from '../save-file';
import './index.scss';

interface Chosen {
  path: string;
  name: string;
  size: number;
}

const contentTypeOf = (name: string): ImportContentType | undefined =>
  name.toLowerCase().endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : name.toLowerCase().endsWith('.csv') ? 'text/csv' : undefined;

/** A spreadsheet from the phone: the file picker on H5, a file from a WeChat chat on weapp. */
function pickFile(): Promise<Chosen | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.xlsx,.csv';
      input.onchange = () => {
        const f = input.files?.[0];
        resolve(f ? { path: URL.createObjectURL(f), name: f.name, size: f.size } : undefined);
      };
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] }).then((r) => r.tempFiles[0] && { path: r.tempFiles[0].path, name: r.tempFiles[0].name, size: r.tempFiles[0].size });
}

/** Uploads the file and queues its import; the job's id. */
async function uploadAndStart(kind: ImportKind, file: Chosen): Promise<ImportJob> {
  const contentType = contentTypeOf(file.name);
  if (!contentType) throw new ApiFailure('http', 400, '只能导入 Excel（.xlsx）或 CSV 文件');
  const ticket = await importsApi.presign({ contentType, size: file.size });
  const up = await Taro.uploadFile({ url: ticket.url, filePath: file.path, name: 'file', formData: ticket.fields, withCredentials: false });
  if (up.statusCode < 200 || up.statusCode >= 300) throw new ApiFailure('http', up.statusCode, '文件上传没有成功，请再试一次');
  return importsApi.start(kind, ticket.key);
}

/** The officer may leave the page while a large file is written: coming back shows where it stands. */
const LAST_IMPORT_KEY = 'lianxin.commission.lastImport';
const POLL_MS = 1000;

const unitOf = (kind: ImportKind) => (kind === 'families' ? '户' : '人');

function Running({ job }: { job: ImportJob }) {
  const p = job.progress;
  const percent = p && p.total ? Math.floor((p.written / p.total) * 100) : 0;
  return (
    <View className="card" data-testid="import-running" aria-live="polite">
      {job.status === 'writing' && p ? (
        <>
          <View className="h2">正在写入：已写入 {p.written} / {p.total} {unitOf(job.kind)}</View>
          <View className="bar" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
            <View className="bar-fill" style={{ width: `${percent}%` }} />
          </View>
          <View className="text">文件已全部检查通过，正在写入。可以离开这个页面，回来时会显示进度。</View>
        </>
      ) : (
        <>
          <View className="h2">正在检查文件…</View>
          <View className="text">逐行核对格式、身份证号和是否已经登记。行数多时需要几十秒，可以离开这个页面，回来时会显示结果。</View>
        </>
      )}
    </View>
  );
}

function Report({ r }: { r: ImportReport }) {
  if (r.outcome === 'rejected') {
    return (
      <View className="card" data-testid="import-report">
        <View className="h2">没有导入：发现 {r.problemCount} 处问题</View>
        <View className="text mb">整个文件都没有写入。请改正下面这些行后，重新导入整个文件。</View>
        {r.problemCount > r.problems.length ? <View className="text mb">下面列出前 {r.problems.length} 处。</View> : null}
        {r.problems.map((p, i) => (
          <View className="problem" key={i}>
            <View className="text-lg">
              {p.row === 0 ? '整个文件' : p.row === 1 ? '表头' : `第 ${p.row} 行`}
              {p.column ? ` · ${p.column}` : ''}
            </View>
            <View className="text">{p.reason}</View>
          </View>
        ))}
      </View>
    );
  }
  return (
    <View className="card" data-testid="import-report">
      <View className="h2">导入完成</View>
      <View className="text">
        文件共 {r.rows} 行：{r.kind === 'families' ? `${r.families} 户家庭、${r.persons} 位成员` : `${r.persons} 位工作人员`}。
      </View>
      <View className="text">
        新写入 {r.created} {unitOf(r.kind)}，已在册未改动 {r.unchanged} {unitOf(r.kind)}。
      </View>
    </View>
  );
}

/** Commission staff load the register (families and members, or contact persons) from a spreadsheet. */
export default function ImportPage() {
  // Opened from 人员管理 with `kind=staff`.
  const { params } = useRouter();
  const [kind, setKind] = useState<ImportKind>(params.kind === 'staff' ? 'staff' : 'families');
  const form = useFormSend();
  // Which of the two buttons the sending state belongs to.
  const [doing, setDoing] = useState<'template' | 'upload' | null>(null);
  const busy = form.busy ? doing : null;
  const error = form.failure;
  const [job, setJob] = useState<ImportJob | null>(null);
  const running = job !== null && !importFinished(job.status);

  // The last import of this phone, if any: its report, or its progress if still running.
  useEffect(() => {
    const last = Taro.getStorageSync<string>(LAST_IMPORT_KEY);
    if (last) importsApi.get(last).then(setJob, () => Taro.removeStorageSync(LAST_IMPORT_KEY));
  }, []);

  // Follows a running job until it has finished; stops when the page closes.
  useEffect(() => {
    if (!job || importFinished(job.status)) return undefined;
    let live = true;
    const timer = setTimeout(() => {
      importsApi.get(job.importId).then(
        (next) => {
          if (!live) return;
          form.clear();
          setJob(next);
        },
        (err: unknown) => {
          if (!live) return;
          form.refuse({}, handleFailure(err));
          // Keep following: a lost connection is no reason to stop watching the job.
          setJob({ ...job });
        },
      );
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [job]);

  const template = async () => {
    setDoing('template');
    await form.send(async () => saveFile(await importsApi.template(kind)));
  };
  const choose = async () => {
    form.clear();
    const file = await pickFile().catch(() => undefined);
    if (!file) return;
    setDoing('upload');
    setJob(null);
    await form.send(async () => {
      const started = await uploadAndStart(kind, file);
      Taro.setStorageSync(LAST_IMPORT_KEY, started.importId);
      setJob(started);
    });
  };

  return (
    <View className="page">
      <View className="h1">导入花名册</View>
      <View className="text mb">按模板填好 Excel 或 CSV 文件后导入。整个文件要么全部导入，要么一行都不导入：有错的行会逐条列出。同一个文件再导入一次，不会重复。</View>
      <RadioChoices
        label="导入什么"
        value={kind}
        onChange={(v) => {
          setKind(v);
          if (!running) setJob(null);
        }}
        options={(['families', 'staff'] as const).map((k) => ({ value: k, label: importKindLabels[k] }))}
      />
      <Btn kind="secondary" icon="arrowRight" busy={busy === 'template'} busyText="正在生成…" onClick={template}>
        下载{importKindLabels[kind]}模板
      </Btn>
      {error ? (
        <Notice tone="error" icon="tips">
          {error}
        </Notice>
      ) : null}
      {job?.status === 'failed' ? (
        <Notice tone="error" icon="tips">
          {job.failure ?? '导入没有完成，请稍后再导入一次同一个文件。'}
        </Notice>
      ) : null}
      {running ? <Running job={job} /> : null}
      {job?.report ? <Report r={job.report} /> : null}
      <Btn big icon="arrowRight" busy={busy === 'upload' || running} busyText={running ? '正在导入…' : '正在上传…'} onClick={choose}>
        选择文件并导入
      </Btn>
    </View>
  );
}
